// A small SMTP server on loopback for the mail tests: it speaks enough of RFC 5321 for nodemailer (EHLO, MAIL,
// RCPT, DATA, RSET, NOOP, QUIT), keeps what it accepts, and can refuse a message at DATA or say nothing at all.
import net from "node:net";

export type ReceivedMail = { from: string; to: string[]; data: string };

export type SmtpServer = {
  port: number;
  url: string;
  /** the messages it accepted (250 after the data) */
  accepted: ReceivedMail[];
  /** how many messages reached the end of DATA, accepted or not */
  offered: () => number;
  /** how many connections it has taken */
  connections: () => number;
  /** what to answer at the end of the next messages' data: "250 …" accepts; anything else refuses */
  answerData: (reply: string) => void;
  close: () => Promise<void>;
};

/** `silent`: accepts connections and never greets them (a relay that hangs). */
export function startSmtpServer(opts: { silent?: boolean } = {}): Promise<SmtpServer> {
  const accepted: ReceivedMail[] = [];
  let offered = 0;
  let connections = 0;
  let dataReply = "250 2.0.0 queued";
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    connections += 1;
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    if (opts.silent) return;
    socket.setEncoding("latin1");
    let buffer = "";
    let inData = false;
    let current: ReceivedMail = { from: "", to: [], data: "" };
    const say = (line: string) => socket.write(`${line}\r\n`);
    say("220 test.smtp.invalid ESMTP");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data += buffer.slice(0, end + 2).replace(/^\.\./gm, ".");
          buffer = buffer.slice(end + 5);
          inData = false;
          offered += 1;
          if (dataReply.startsWith("250")) accepted.push(current);
          current = { from: "", to: [], data: "" };
          say(dataReply);
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") {
          say("250-test.smtp.invalid");
          say("250 8BITMIME");
        } else if (verb === "HELO") say("250 test.smtp.invalid");
        else if (verb === "MAIL") {
          current = { from: /<([^>]*)>/.exec(line)?.[1] ?? "", to: [], data: "" };
          say("250 2.1.0 ok");
        } else if (verb === "RCPT") {
          current.to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          say("250 2.1.5 ok");
        } else if (verb === "DATA") {
          inData = true;
          say("354 go ahead");
        } else if (verb === "RSET") {
          current = { from: "", to: [], data: "" };
          say("250 2.0.0 ok");
        } else if (verb === "NOOP") say("250 2.0.0 ok");
        else if (verb === "QUIT") {
          say("221 2.0.0 bye");
          socket.end();
        } else say("502 5.5.2 not implemented");
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url: `smtp://127.0.0.1:${port}`,
        accepted,
        offered: () => offered,
        connections: () => connections,
        answerData: (reply) => {
          dataReply = reply;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

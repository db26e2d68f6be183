// Makes public/favicon.ico (16, 32 and 48 px) and public/apple-touch-icon.png (180 px) from public/icon.svg, by
// drawing the SVG in Debian's Chromium: run after changing the icon (node scripts/make-icons.mjs), commit the files.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";
import { root } from "./lib.mjs";

const svg = readFileSync(path.join(root, "public", "icon.svg"), "utf8");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage();

async function png(size, { square = false } = {}) {
  // iOS rounds the corners of a touch icon itself and fills transparency with black: that one is square.
  const drawn = (square ? svg.replace(/rx="[\d.]+"/, 'rx="0"') : svg).replace("<svg ", `<svg width="${size}" height="${size}" `);
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${drawn}</body></html>`);
  return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
}

/** An ICO whose images are PNGs (allowed since Windows Vista, read by every current browser). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt8(0, at + 2); // no palette
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(data.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

const sizes = [16, 32, 48];
const images = [];
for (const size of sizes) images.push({ size, data: await png(size) });
writeFileSync(path.join(root, "public", "favicon.ico"), ico(images));
writeFileSync(path.join(root, "public", "apple-touch-icon.png"), await png(180, { square: true }));
await browser.close();
console.log("public/favicon.ico and public/apple-touch-icon.png written.");

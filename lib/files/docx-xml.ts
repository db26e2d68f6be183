// WordprocessingML's names as a streaming reader meets them: which namespace a prefixed tag is in, and an attribute by
// its local name, whatever prefix the writer chose.

export const W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/** WordprocessingML, transitional and strict: a document in either reads the same. */
export const W_NAMESPACES = new Set([W_NAMESPACE, "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
export const MC_NAMESPACE = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/** What an element's xmlns attributes replaced, to be put back when it closes. */
export type SavedPrefixes = Array<[string, string | undefined]>;

/** The namespace prefixes in scope, followed here because the parser runs without namespace handling; `w:` starts bound to WordprocessingML. */
export class NamespaceScope {
  private readonly prefixes = new Map<string, string>([["w", W_NAMESPACE]]);

  /** Binds the prefixes an element declares; the answer goes back to `restore` when it closes (null: nothing declared). */
  declare(attributes: Record<string, string>): SavedPrefixes | null {
    let saved: SavedPrefixes | null = null;
    for (const name in attributes) {
      if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
      const prefix = name === "xmlns" ? "" : name.slice(6);
      (saved ??= []).push([prefix, this.prefixes.get(prefix)]);
      this.prefixes.set(prefix, attributes[name]);
    }
    return saved;
  }

  restore(saved: SavedPrefixes): void {
    for (let i = saved.length - 1; i >= 0; i--) {
      const [prefix, previous] = saved[i];
      if (previous === undefined) this.prefixes.delete(prefix);
      else this.prefixes.set(prefix, previous);
    }
  }

  /** The namespace of a tag name as written ("w:p"), undefined when its prefix is unbound. */
  namespaceOf(tagName: string): string | undefined {
    const colon = tagName.indexOf(":");
    return this.prefixes.get(colon === -1 ? "" : tagName.slice(0, colon));
  }
}

/** "w:p" → "p". */
export function localName(tagName: string): string {
  const colon = tagName.indexOf(":");
  return colon === -1 ? tagName : tagName.slice(colon + 1);
}

/** An attribute by its local name: `w:val` as Word writes it, or any prefix (or none) as other writers do. */
export function attribute(attributes: Record<string, string>, local: string): string | null {
  const direct = attributes[`w:${local}`];
  if (direct !== undefined) return direct;
  for (const name in attributes) {
    if (name.endsWith(`:${local}`) || name === local) return attributes[name];
  }
  return null;
}

/* A message's text as plain pieces and links, before any of it reaches the page: render.js sets
   every piece as text (textContent), never as HTML, and makes <a> only of http(s) addresses. */
const URL_PATTERN = /(https?:\/\/[^\s<>"]+|www\.[^\s<>"]+\.[a-z]{2,}[^\s<>"]*)/gi;

/* An http(s) address as a link target (www. gets https://), else null (javascript:, data:, …). */
export function safeHref(address) {
  const candidate = /^www\./i.test(address) ? "https://" + address : address;
  try {
    const url = new URL(candidate);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch (error) { return null; }
}

/* A phone number as a tel: link (digits and +), null when too short to be one. */
export function telHref(phone) {
  const digits = String(phone || "").replace(/[^0-9+]/g, "");
  return digits.length >= 5 ? "tel:" + digits : null;
}

/* [{text}, {text, href}, …]: the text split at addresses; a link's text is the address without
   the punctuation that ends a sentence after it. Pieces may be empty. */
export function textParts(text) {
  const rest = String(text || "");
  const parts = [];
  let last = 0;
  for (const match of rest.matchAll(URL_PATTERN)) {
    const trimmed = match[0].replace(/[).,;:!?]+$/, "");
    parts.push({ text: rest.slice(last, match.index) });
    const href = safeHref(trimmed);
    parts.push(href ? { text: trimmed, href } : { text: trimmed });
    last = match.index + trimmed.length;
  }
  parts.push({ text: rest.slice(last) });
  return parts;
}

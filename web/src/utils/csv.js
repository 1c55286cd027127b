// A small CSV reader for previews: the first rows of a file, RFC 4180 quoting, comma or tab
// (whichever the first line has more of), CRLF or LF. Text is decoded as UTF-8 (a BOM is dropped)
// or, when that fails, as GB 18030 (what Excel in China saves).

export function decodeText(buffer) {
  const bytes = new Uint8Array(buffer)
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'UTF-8' }
  } catch (e) {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' }
  }
}

export function parseCsv(text, maxRows = 6) {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const tabs = (firstLine.match(/\t/g) || []).length
  const commas = (firstLine.match(/,/g) || []).length
  const sep = tabs > commas ? '\t' : ','
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  let i = 0
  while (i < text.length && rows.length < maxRows) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
      } else field += c
      i++
      continue
    }
    if (c === '"' && field === '') quoted = true
    else if (c === sep) {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      field = ''
      if (row.some((x) => x !== '')) rows.push(row)
      row = []
    } else field += c
    i++
  }
  if (rows.length < maxRows && (field !== '' || row.length)) {
    row.push(field)
    if (row.some((x) => x !== '')) rows.push(row)
  }
  return rows
}

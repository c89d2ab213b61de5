/** The text of a PDF, page after page (pdf.js through `unpdf`, loaded when a PDF is first read). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const document = await getDocumentProxy(new Uint8Array(bytes));
  try {
    const { text } = await extractText(document, { mergePages: false });
    return text.join('\n');
  } finally {
    await document.cleanup();
  }
}

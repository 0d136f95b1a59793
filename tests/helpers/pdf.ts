// Reads a PDF Chromium printed: per page its text and how far down the page its text reaches.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfPage = {
  /** the page's text, the margins (running title, page number) included */
  text: string;
  /** share of the page height from the top to the lowest text inside the margins (0..1) */
  fill: number;
  /** the smallest text on the page, in points */
  smallestText: number;
  /** how many raster images the page paints (a logo, a photo) */
  images: number;
};

/** The page margins of the report's print stylesheet are 18 mm; the running title and page number sit in them. */
const MARGIN_PT = (16 / 25.4) * 72;

export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: PdfPage[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    let lowest = 0;
    let smallest = Infinity;
    const parts: string[] = [];
    for (const item of content.items) {
      if (!('str' in item) || !item.str.trim()) continue;
      parts.push(item.str);
      smallest = Math.min(smallest, Math.hypot(item.transform[2]!, item.transform[3]!));
      // transform[5] is the baseline's distance from the bottom of the page
      const fromTop = height - item.transform[5]!;
      if (fromTop > MARGIN_PT && fromTop < height - MARGIN_PT) lowest = Math.max(lowest, fromTop);
    }
    const ops = await page.getOperatorList();
    const images = ops.fnArray.filter((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject).length;
    pages.push({ text: parts.join(' '), fill: lowest / height, smallestText: smallest, images });
  }
  await doc.destroy();
  return pages;
}

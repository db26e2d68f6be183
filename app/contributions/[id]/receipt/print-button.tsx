"use client";
// Opens the browser's print dialog for the receipt.
export function PrintButton() {
  return (
    <button type="button" className="primary" onClick={() => window.print()}>
      Print
    </button>
  );
}

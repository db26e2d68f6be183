// English messages of the HTTP edge: bodies over the cap, unexpected errors, and the error and not-found pages.
export const http = {
  "http.body.tooLarge": "The request body is too large: at most {limitKb} KB is accepted here.",
  "http.internal": "Something went wrong on the server. Try again in a moment; if it happens again, quote the reference {requestId} to the secretariat.",
  "http.notFound.title": "Page not found",
  "http.notFound.text": "There is no page at this address, or you do not have access to it. Check the address, or start again from the home page.",
  "http.notFound.home": "Go to the home page",
  "http.error.title": "Something went wrong",
  "http.error.text": "This page could not be shown because of an error on the server. Nothing you sent was lost. Try again; if it happens again, quote the reference below to the secretariat.",
  "http.error.reference": "Reference: {digest}",
  "http.error.retry": "Try again",
  "http.error.home": "Go to the home page",
};

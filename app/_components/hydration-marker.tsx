"use client";
// Marks the page as hydrated (html[data-hydrated]); browser tests wait for it before using React-driven forms.
import { useEffect } from "react";

export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "1";
  }, []);
  return null;
}

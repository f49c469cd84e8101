export const base64Utf8 = (s: string) => btoa(String.fromCharCode(...new TextEncoder().encode(s)))

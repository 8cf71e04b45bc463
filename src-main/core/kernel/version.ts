// The product version sent in User-Agent and shown in the UI.
export const VERSION = '0.1.0';

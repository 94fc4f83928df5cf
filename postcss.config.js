// Tailwind CSS 4 runs as a PostCSS plugin under Remix's classic compiler.
export default {
  plugins: { "@tailwindcss/postcss": {} },
};

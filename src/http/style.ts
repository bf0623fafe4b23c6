/**
 * The pages' only stylesheet, served from /assets/style.css (the Content-Security-Policy allows styles from this
 * origin only). Phone first; system fonts (no font download); colours at WCAG AA contrast or better.
 */
export const STYLESHEET = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;line-height:1.5;color:#111827;background:#f9fafb;overflow-wrap:anywhere}
a{color:#1d4ed8}
a:focus-visible,button:focus-visible,select:focus-visible{outline:3px solid #b4410c;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem}
header,main,footer{max-width:60rem;margin:0 auto;padding:1rem}
header{padding-top:1.5rem}
h1{font-size:1.6rem;line-height:1.2;margin:.25rem 0 .5rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
h3{font-size:1.1rem;margin:0 0 .25rem}
.lang{margin:0;text-align:right}
.button{display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;padding:.6rem 1rem;border-radius:.5rem;font-weight:600;border:0;font-size:1rem;cursor:pointer}
.button.secondary{background:#fff;color:#1d4ed8;border:2px solid #1d4ed8}
.note{color:#4b5563;font-size:.9rem}
form.filter{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
select{font-size:1rem;padding:.45rem;border:1px solid #6b7280;border-radius:.4rem;background:#fff;max-width:100%}
.stops{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.stop{background:#fff;border:1px solid #d1d5db;border-radius:.6rem;padding:.8rem 1rem}
.stop p{margin:.15rem 0}
.stop.cancelled{opacity:.8}
.badge{display:inline-block;background:#fee2e2;color:#7f1d1d;border-radius:.3rem;padding:0 .4rem;font-size:.85rem;font-weight:600}
figure{margin:0}
figure svg{display:block;width:100%;height:auto;border-radius:.6rem;border:1px solid #d1d5db}
.subscribe{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
footer{color:#4b5563;font-size:.85rem}
@media (min-width:48rem){h1{font-size:2rem}.stops{grid-template-columns:1fr 1fr}}
`;

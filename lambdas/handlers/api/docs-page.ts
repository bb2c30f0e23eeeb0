import { createHash } from 'node:crypto';
import type { RawBody } from './api-route.ts';

/**
 * The interactive documentation: one self-contained HTML page generated from the OpenAPI
 * document, with a form per operation that calls the API from the browser. It loads nothing from
 * elsewhere (no CDN), and its Content-Security-Policy allows only its own inline script and style
 * (by hash) and requests to its own origin.
 */
export function docsPage(document: Record<string, unknown>): RawBody {
  const json = JSON.stringify(document).replace(/</g, '\\u003c');
  const script = `const spec=${json};${CLIENT}`;
  const hash = (text: string): string =>
    `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>MovieRec API</title><style>${STYLE}</style></head>
<body><h1>MovieRec API</h1><p>Generated from <a href="openapi.json">openapi.json</a>. Each form sends a real request to this API.</p>
<main id="ops"></main><script>${script}</script></body></html>
`;
  return {
    contentType: 'text/html; charset=utf-8',
    body: html,
    headers: {
      'content-security-policy': `default-src 'none'; script-src ${hash(script)}; style-src ${hash(STYLE)}; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
    },
  };
}

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
section{border:1px solid #ccc;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
h2{font-size:1rem;font-family:ui-monospace,monospace}.m{display:inline-block;min-width:3.5rem;font-weight:700}
label{display:block;margin:.25rem 0}input,textarea{font:inherit;width:100%;box-sizing:border-box}
pre{background:#f6f6f6;padding:.5rem;overflow:auto;max-height:24rem}small{color:#666}`;

/** Plain DOM code, no framework: builds one form per operation and shows the raw response. */
const CLIENT = `
const base=location.pathname.replace(/\\/docs\\/?$/,'');
const root=document.getElementById('ops');
const el=(tag,props,...kids)=>{const e=Object.assign(document.createElement(tag),props);e.append(...kids);return e;};
for(const [path,ops] of Object.entries(spec.paths)){for(const [method,op] of Object.entries(ops)){
  const inputs=[];const form=el('form',{});
  for(const p of op.parameters||[]){const i=el('input',{name:p.name,required:p.required,placeholder:p.schema.default!==undefined?String(p.schema.default):''});
    inputs.push([p,i]);form.append(el('label',{},p.name+' ('+p.in+(p.required?', required':'')+') ',el('small',{},p.description||''),i));}
  let body=null;if(op.requestBody){body=el('textarea',{rows:6,value:JSON.stringify({ratings:[{title:'Toy Story',rating:5},{title:'Heat',rating:4}],limit:5},null,1)});
    form.append(el('label',{},'JSON body ',body));}
  const out=el('pre',{});form.append(el('button',{type:'submit'},'Send'),out);
  form.addEventListener('submit',async(ev)=>{ev.preventDefault();let url=path;const q=new URLSearchParams();
    for(const [p,i] of inputs){if(i.value==='')continue;if(p.in==='path')url=url.replace('{'+p.name+'}',encodeURIComponent(i.value));else q.set(p.name,i.value);}
    const qs=q.toString();out.textContent='…';
    try{const r=await fetch(base+url+(qs?'?'+qs:''),{method:method.toUpperCase(),headers:body?{'content-type':'application/json'}:{},body:body?body.value:undefined});
      const t=await r.text();let shown=t;try{shown=JSON.stringify(JSON.parse(t),null,2);}catch{}out.textContent=r.status+' '+r.statusText+'\\n'+shown;}
    catch(e){out.textContent=String(e);}});
  root.append(el('section',{},el('h2',{},el('span',{className:'m'},method.toUpperCase()),path),el('p',{},op.summary),
    op.description?el('p',{},el('small',{},op.description)):'',form));}}
`;

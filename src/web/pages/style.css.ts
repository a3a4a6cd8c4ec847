// The dashboard's only stylesheet, served from our own origin (CSP style-src 'self'). Mobile first.
export const STYLE_CSS = `
:root{--red:#d93025;--red-bg:#fce8e6;--orange:#b06000;--orange-bg:#fef3e0;--green:#1e8e3e;--ink:#202124;--muted:#5f6368;--line:#dadce0;--bg:#f8f9fa;--blue:#1a73e8}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--blue);text-decoration:none}a:hover{text-decoration:underline}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.6rem 1rem;background:#fff;border-bottom:1px solid var(--line)}
.brand{font-weight:700;color:var(--ink);font-size:1.05rem}
.top nav{display:flex;gap:.8rem;flex:1}
.top nav a[aria-current=page]{font-weight:600;color:var(--ink);border-bottom:2px solid var(--red)}
.who{color:var(--muted);font-size:.85rem}
.top form{margin:0}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:0 0 .6rem}
section.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin:0 0 1rem}
.grid{display:grid;grid-template-columns:1fr;gap:1rem}
@media (min-width:900px){.grid.two{grid-template-columns:1fr 1fr}}
.stats{display:grid;grid-template-columns:repeat(2,1fr);gap:.6rem;margin:0 0 1rem;padding:0;list-style:none}
@media (min-width:700px){.stats{grid-template-columns:repeat(5,1fr)}}
.stats li{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.6rem .8rem}
.stats b{display:block;font-size:1.4rem}
.stats .red b{color:var(--red)}.stats .orange b{color:var(--orange)}
.muted{color:var(--muted)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);white-space:nowrap}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.grade-A td:first-child{border-left:4px solid var(--red)}
tr.grade-B td:first-child{border-left:4px solid var(--orange)}
tr.grade-A{background:var(--red-bg)}
.badge{display:inline-block;padding:0 .45rem;border-radius:999px;font-weight:700;font-size:.8rem;white-space:nowrap}
.badge.A{background:var(--red);color:#fff}.badge.B{background:var(--orange);color:#fff}
.tag{display:inline-block;margin:0 .25rem .2rem 0;padding:0 .4rem;border:1px solid var(--line);border-radius:4px;font-size:.78rem;white-space:nowrap;background:#fff}
.up{color:var(--red)}.down{color:var(--green)}
.reasons{margin:0;padding-left:1.1rem}
.reasons li{margin:.1rem 0}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:0 0 .8rem}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:var(--muted)}
select,button{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px;background:#fff;color:var(--ink);min-height:2.2rem}
button{cursor:pointer;background:var(--blue);color:#fff;border-color:var(--blue)}
button.plain{background:#fff;color:var(--ink);border-color:var(--line)}
.board{display:grid;grid-template-columns:1fr;gap:.8rem}
@media (min-width:800px){.board{grid-template-columns:repeat(3,1fr)}}
.board h3{font-size:.95rem;margin:0 0 .4rem}
.board .col{border:1px solid var(--line);border-radius:6px;padding:.6rem;background:var(--bg)}
.board .col.overdue{border-color:var(--red)}
.board .col.overdue h3{color:var(--red)}
.board h4{font-size:.85rem;margin:.5rem 0 .2rem}
.board ul{margin:0;padding-left:1rem;font-size:.85rem}
figure{margin:0}
figure svg{display:block;width:100%;height:auto;max-width:100%}
figcaption{font-size:.8rem;color:var(--muted);margin-top:.4rem}
.head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline}
.head .index{font-size:1.6rem;font-weight:700}
.facts{font-size:.8rem;color:var(--muted)}
.notice{max-width:34rem;margin:3rem auto;background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.5rem}
.notice code{background:var(--bg);padding:.1rem .3rem;border-radius:4px;font-size:.85rem;word-break:break-all}
.status{display:inline-block;width:1.4rem;text-align:center;border-radius:3px;font-size:.75rem}
.status.on_time{background:#e6f4ea;color:var(--green)}.status.late{background:var(--orange-bg);color:var(--orange)}
.status.missing{background:var(--red-bg);color:var(--red);font-weight:700}.status.excused{color:var(--muted)}
.low{color:var(--red);font-weight:600}
@media (max-width:640px){
table.flags,table.flags tbody,table.flags tr,table.flags td{display:block;width:100%}
table.flags thead{display:none}
table.flags tr{border:1px solid var(--line);border-radius:6px;margin:0 0 .6rem;padding:.4rem .6rem;background:#fff}
table.flags tr.grade-A{border-left:4px solid var(--red);background:var(--red-bg)}
table.flags tr.grade-B{border-left:4px solid var(--orange)}
table.flags tr td:first-child{border-left:0;font-weight:600}
table.flags td{border:0;padding:.1rem 0}
table.flags td.num,table.flags td.inline{display:inline-block;width:auto;margin-right:.9rem;text-align:left}
table.flags td[data-label]::before{content:attr(data-label) " ";color:var(--muted);font-size:.8rem}
}
`;

import { describe, expect, it } from 'vitest';
import type { Node as PMNode } from 'prosemirror-model';
import { importHtml } from '@/lib/import/html';
import { importText } from '@/lib/import/text';
import { errorOf, readFixture, SAMPLE_HEADINGS, sampleText, unwrap } from './helpers';

/** Every attribute value and mark in the document, for "nothing unsafe got through" checks. */
function docJson(doc: PMNode): string {
  return JSON.stringify(doc.toJSON());
}

describe('importHtml', () => {
  it('gives the sample article the same canonical text as the text import', () => {
    const fromText = unwrap(importText(sampleText()));
    const fromHtml = unwrap(importHtml(readFixture('sample-article.html')));
    expect(fromHtml.plainText).toBe(fromText.plainText);
    expect(fromHtml.doc.content.content.filter((n) => n.type.name === 'heading').map((n) => n.textContent)).toEqual(SAMPLE_HEADINGS);
    expect(fromHtml.plainText).not.toContain('should never appear');
    expect(fromHtml.plainText).not.toContain('color');
  });

  it('takes the title from the opening <h1> and does not repeat it in the body', () => {
    const article = unwrap(importHtml(readFixture('sample-article.html')));
    expect(article.title).toBe('Syrian rebels seize Aleppo’s military airport in a blow to Assad and Moscow');
    expect(article.plainText.startsWith('In a dramatic turn of events')).toBe(true);
  });

  it('falls back to <title> when there is no <h1>, and given metadata wins over both', () => {
    const page = '<html><head><title> Page  title </title></head><body><p>Body.</p></body></html>';
    expect(unwrap(importHtml(page)).title).toBe('Page title');
    expect(unwrap(importHtml(page, { title: 'Given' })).title).toBe('Given');
    expect(unwrap(importHtml('<h2>Section</h2><p>Only text.</p>')).title).toBe('Section');
  });

  it('keeps an <h1> that is not at the top, or not the title, in the body', () => {
    const notTop = unwrap(importHtml('<p>Intro.</p><h1>Headline</h1><p>Body.</p>'));
    expect(notTop.title).toBe('Headline');
    expect(notTop.plainText).toBe('Intro.\n\nHeadline\n\nBody.');
    const notTitle = unwrap(importHtml('<h1>Headline</h1><p>Body.</p>', { title: 'Other' }));
    expect(notTitle.plainText).toBe('Headline\n\nBody.');
  });

  it('maps heading levels into the schema’s 2–4', () => {
    const html = '<p>x</p><h1>one</h1><h2>two</h2><h3>three</h3><h4>four</h4><h5>five</h5><h6>six</h6>';
    const levels = unwrap(importHtml(html, { title: 'T' })).doc.content.content.filter((n) => n.type.name === 'heading').map((n) => [n.textContent, n.attrs.level]);
    expect(levels).toEqual([['one', 2], ['two', 2], ['three', 3], ['four', 4], ['five', 4], ['six', 4]]);
  });

  it('keeps nested inline structure: a link around bold around italic, line breaks, lists and quotes', () => {
    const html = `
      <p>Start <a href="https://example.org/a" title="A"><strong>bold <em>both</em></strong> plain</a> end<br>next line</p>
      <blockquote><p>Quoted <i>words</i>.</p></blockquote>
      <ol start="4"><li>four</li><li><p>five</p><ul><li>nested</li></ul></li></ol>`;
    const json = unwrap(importHtml(html)).doc.toJSON();
    const link = { type: 'link', attrs: { href: 'https://example.org/a', title: 'A' } };
    expect(json.content[0].content).toEqual([
      { type: 'text', text: 'Start ' },
      { type: 'text', marks: [link, { type: 'strong' }], text: 'bold ' },
      { type: 'text', marks: [link, { type: 'em' }, { type: 'strong' }], text: 'both' },
      { type: 'text', marks: [link], text: ' plain' },
      { type: 'text', text: ' end' },
      { type: 'hard_break' },
      { type: 'text', text: 'next line' },
    ]);
    expect(json.content[1]).toMatchObject({ type: 'blockquote', content: [{ type: 'paragraph' }] });
    expect(json.content[2]).toMatchObject({ type: 'ordered_list', attrs: { order: 4 } });
    expect(json.content[2].content[1].content[1].type).toBe('bullet_list');
  });

  it('removes scripts, styles, frames, event handlers and javascript: links', () => {
    const html = `
      <h1 onclick="alert('h1')">Headline</h1>
      <p onmouseover="alert('p')">Safe <a href="javascript:alert('a')">js link</a>, <a href="  JaVaScRiPt:alert('b')">mixed case</a>,
        <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a> and
        <a href="https://example.org/" onclick="alert('c')" style="color:red">good link</a>.</p>
      <script>alert('script')</script>
      <img src="x" onerror="alert('img')">
      <iframe src="https://evil.example/" srcdoc="<script>alert('srcdoc')</script>">iframe fallback</iframe>
      <style>body { background: url("javascript:alert('style')") }</style>
      <svg onload="alert('svg')"><text>svg text</text><script>alert('svg script')</script></svg>
      <object data="movie.swf"><embed src="movie.swf"></object>
      <form action="https://evil.example/"><input value="typed"><button onclick="alert('btn')">Press</button></form>
      <math><mi>x</mi></math>
      <p>Last <b onmouseenter="alert('b')">words</b>.</p>`;
    const article = unwrap(importHtml(html));
    const json = docJson(article.doc);
    expect(article.plainText).not.toMatch(/alert|script|svg text|iframe fallback|background|Press|typed/);
    expect(article.plainText).toBe('Safe js link, mixed case, data link and good link.\n\nLast words.');
    expect(json).not.toMatch(/javascript:|data:|alert|"on[a-z]+"|style|srcdoc/i);
    const hrefs = [...json.matchAll(/"href":"([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs).toEqual(['https://example.org/']);
  });

  it('keeps the text of elements the schema does not know', () => {
    const html = '<section><div><custom-widget>widget text</custom-widget> and <font color="red">font text</font></div><div><span>span <u>u</u> <code>code</code></span></div></section><table><tr><th>City</th><th>Held by</th></tr><tr><td>Aleppo</td><td>rebels</td></tr></table>';
    // A table's cells are textblocks of their own (tests/unit/import/rich.test.ts has the tables).
    expect(unwrap(importHtml(html)).plainText).toBe('widget text and font text\n\nspan u code\n\nCity\n\nHeld by\n\nAleppo\n\nrebels');
  });

  it('refuses HTML that is only scripts and styles: there is no readable text', () => {
    const error = errorOf(importHtml('<html><head><style>p{}</style></head><body><script>alert(1)</script><img src=x></body></html>'));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/no readable text/);
  });

  it('resolves relative links against the given source URL, and drops them without one', () => {
    const html = '<p><a href="/world/aleppo">Aleppo</a> and <a href="#notes">notes</a></p>';
    expect(docJson(unwrap(importHtml(html, { sourceUrl: 'https://news.example/story/1' })).doc)).toContain('"href":"https://news.example/world/aleppo"');
    const without = unwrap(importHtml(html));
    expect(docJson(without.doc)).not.toContain('href');
    expect(without.plainText).toBe('Aleppo and notes');
  });
});

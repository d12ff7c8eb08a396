// The preview parser on real saved t.me/s pages (test/fixtures/telegram-preview/SOURCES.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePreviewPage } from '../../src/sources/telegram-preview.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/telegram-preview/${name}`, import.meta.url), 'utf8');

describe('parsePreviewPage on a real channel preview page', () => {
  const page = parsePreviewPage(fixture('full.html'), 'topwar_official');

  it('reads every message with its permanent link and UTC instant, oldest first', () => {
    const posts = fixture('full.html').match(/data-post="topwar_official\/\d+"/g) ?? [];
    expect(page.isPreview).toBe(true);
    expect(page.messages).toHaveLength(posts.length);
    expect(page.messages.map((m) => m.id)).toEqual([70989, 70990, 70992, 70995, 70996, 70997, 70998, 70999, 71000, 71006, 71007, 71008]);
    expect(page.messages.every((m) => m.url === `https://t.me/topwar_official/${m.id}`)).toBe(true);
    expect(page.messages[1]).toMatchObject({ postedAt: '2023-02-28T08:09:50.000Z', edited: false, forwardedFrom: null, service: false });
    expect(page.messages[1]?.text).toBe('Власти Петербурга подтвердили, что аэропорт Пулково временно не принимает самолеты.');
    expect(page.olderBefore).toBe(70989);
  });

  it('keeps a link whose words hide its address, decodes entities, and gives every message its text', () => {
    const withLink = page.messages.find((m) => m.id === 70996);
    expect(withLink?.text).toContain('на расстояние 180 метров (https://t.me/infantmilitario/93419)');
    expect(page.messages.find((m) => m.id === 70995)?.text).toContain('План "Ковер" отменен');
    expect(page.messages.every((m) => m.text.length > 0 && !/<[a-z]|&[a-z]+;/.test(m.text))).toBe(true);
  });

  it('credits forwarded posts to their origin and reads an album as one message', () => {
    const forwarded = page.messages.filter((m) => m.forwardedFrom !== null);
    expect(forwarded.map((m) => [m.id, m.forwardedFrom])).toEqual([
      [70996, 'Военкор Ярем'], [70998, 'БелВПО'], [71006, 'Старше Эдды'], [71007, 'Пул N3'], [71008, 'ImpNavigator'],
    ]);
    expect(forwarded[0]?.forwardedUrl).toBe('https://t.me/yaremshooter/1066');
    // 70992 carries grouped media and its caption; the caption is the one message's text, once.
    const album = page.messages.find((m) => m.id === 70992);
    expect(album?.text.match(/Сегодня ночью в Республике/g)).toHaveLength(1);
  });

  it('sees the edited mark the preview puts before the date', () => {
    const html = fixture('full.html').replace(
      /(<span\s+class="tgme_widget_message_meta">)(<a class="tgme_widget_message_date"\s+href="https:\/\/t.me\/topwar_official\/70990")/,
      '$1edited &nbsp;$2',
    );
    const edited = parsePreviewPage(html, 'topwar_official').messages.filter((m) => m.edited).map((m) => m.id);
    expect(edited).toEqual([70990]);
  });

  it('reads single real message blocks of other channels', () => {
    expect(parsePreviewPage(fixture('message_media_forwarded_from.html'), 'oper_goblin').messages[0]).toMatchObject({ id: 22358, url: 'https://t.me/oper_goblin/22358' });
    expect(parsePreviewPage(fixture('message_media_forwarded_from.html'), 'oper_goblin').messages[0]?.forwardedFrom).toBeTruthy();
    const album = parsePreviewPage(fixture('message_media_photo_and_video.html'), 'anna_news');
    expect(album.messages.map((m) => m.id)).toEqual([46908]);
  });

  it('ignores messages of another channel and says when a page is no preview at all', () => {
    expect(parsePreviewPage(fixture('full.html'), 'some_other_channel').messages).toEqual([]);
    expect(parsePreviewPage('<!DOCTYPE html><html><head><title>Telegram</title></head><body><div class="tgme_page"></div></body></html>', 'nobody_here').isPreview).toBe(false);
    expect(() => parsePreviewPage('', 'no')).toThrow(/not a Telegram username/);
  });
});

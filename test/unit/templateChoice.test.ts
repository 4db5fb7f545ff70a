import { describe, expect, it } from 'vitest';
import { BUILDER_TEMPLATES } from '../../shared/segment/builderTemplates';
import { eventTemplates } from '../../shared/segment/templates';
import { draftHasOwnEdits, isTemplateText } from '../../renderer/src/features/editor/templateChoice';

describe('templates ask before replacing a changed draft', () => {
  it('knows a template by its text, whatever messageId, timestamp and library version it carries', () => {
    for (const name of ['track', 'identify', 'page'] as const) {
      expect(isTemplateText(eventTemplates[name]())).toBe(true);
      expect(isTemplateText(eventTemplates[name]({ libraryVersion: '9.9.9' }))).toBe(true);
    }
    expect(isTemplateText(eventTemplates.track({ now: () => new Date('2025-01-02T03:04:05.678Z') }))).toBe(
      true,
    );
  });

  it("knows every one of the Builder's templates too", () => {
    for (const template of BUILDER_TEMPLATES) expect(isTemplateText(template.build())).toBe(true);
    const checkout = BUILDER_TEMPLATES.find((t) => t.id !== t.type);
    expect(checkout && isTemplateText(checkout.build().replace('"type"', '"type" '))).toBe(false);
  });

  it('does not take an edited, reformatted or foreign draft for a template', () => {
    const track = eventTemplates.track();
    expect(isTemplateText(track.replace('Webinar Registered', 'Webinar Attended'))).toBe(false);
    expect(isTemplateText(JSON.stringify(JSON.parse(track)))).toBe(false);
    expect(isTemplateText('{"type": "track"')).toBe(false);
    expect(isTemplateText('[1, 2]')).toBe(false);
    expect(isTemplateText(track.replace(/"timestamp": "[^"]+"/, '"timestamp": "not a date"'))).toBe(false);
  });

  it('asks only when the draft has changes of the user’s own', () => {
    const opened = '{"type": "identify", "userId": "from-history"}\n';
    expect(draftHasOwnEdits(eventTemplates.page(), null)).toBe(false);
    expect(draftHasOwnEdits('  \n', null)).toBe(false);
    expect(draftHasOwnEdits(opened, opened)).toBe(false);
    expect(draftHasOwnEdits(`${opened} `, opened)).toBe(true);
    expect(draftHasOwnEdits('{"type": "page"}', eventTemplates.page())).toBe(true);
  });
});

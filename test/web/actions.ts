// What a person does on the page, as the browser tests say it: start a P1 request, take an action.
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';

/** Clicks the action's button on the case page, fills its form (field id → value), sends it. */
export async function act(page: Page, event: string, fields: Record<string, string> = {}) {
  await open(page, event);
  for (const [id, value] of Object.entries(fields)) await page.locator(`#ev-${event}_${id}`).fill(value);
  await send(page);
}

/** Opens the action's form on the case page: the dialog it draws. */
export async function open(page: Page, event: string) {
  await page.locator(`button[data-event="${event}"]`).click();
  const modal = page.getByRole('dialog');
  await modal.waitFor();
  return modal;
}
/** Sends the open form and waits for the case to move on. A click that sent nothing (it landed while
 *  the dialog was still zooming in, under load) is clicked again; a refusal fails with the server's words. */
export async function send(page: Page) {
  const modal = page.getByRole('dialog');
  const before = await page.locator('[data-testid="state"]').textContent();
  const posted = (r: { url(): string; request(): { method(): string } }) => r.request().method() === 'POST' && /\/api\/instances\/[^/]+\/events$/.test(r.url());
  let answer = null;
  for (let i = 0; i < 3 && !answer; i++) {
    const waiting = page.waitForResponse(posted, { timeout: 10_000 }).catch(() => null);
    await modal.locator('button[type="submit"]').click();
    answer = await waiting;
  }
  expect(answer, 'the form sent its event').to.not.equal(null);
  if (!answer!.ok()) expect.fail(`the event was refused (${answer!.status()}): ${await answer!.text()}`);
  await modal.waitFor({ state: 'detached' });
  await page.waitForFunction((b) => document.querySelector('[data-testid="state"]')?.textContent !== b, before);
}
/** A form refused in the page before anything is sent: `submit` clicked (again if the click landed while the dialog
 *  was still zooming in, under load) until `message` shows; no event POST may go out meanwhile. */
export async function refusedInForm(page: Page, submit: Locator, message: Locator) {
  let sent = false;
  const onRequest = (r: { method(): string; url(): string }) => void (r.method() === 'POST' && /\/events$/.test(r.url()) && (sent = true));
  page.on('request', onRequest);
  try {
    for (let i = 0; i < 3 && !(await message.isVisible()); i++) {
      await submit.click();
      await message.waitFor({ timeout: 10_000 }).catch(() => undefined);
    }
  } finally {
    page.off('request', onRequest);
  }
  expect(await message.isVisible(), 'the form names what is missing').to.equal(true);
  expect(sent, 'nothing was sent').to.equal(false);
}
/** An rjsf checkbox ticked: again if the form's first change (its defaults, false) landed after a click made under load. */
export async function tick(box: Locator) {
  for (let i = 0; i < 5 && !(await box.isChecked()); i++) {
    await box.click();
    await box.page().waitForTimeout(200);
  }
  expect(await box.isChecked(), 'the box stays ticked').to.equal(true);
}
/** An antd date picker: typed, then left with Tab (Enter would send the whole form). */
export async function pickDate(page: Page, id: string, date: string) {
  await page.locator(`#${id}`).click();
  await page.locator(`#${id}`).fill(date);
  await page.locator(`#${id}`).press('Tab');
}
/** An rjsf select (antd): opened and the option whose text matches chosen. */
export async function pick(page: Page, id: string, option: RegExp) {
  await page.locator('.ant-select').filter({ has: page.locator(`#${id}`) }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: option }).click();
}

/** The P1 start form filled in the page; `title` lets a test enter a wrong post title first. */
export async function fillP1(page: Page, title = '社会工作者') {
  await page.locator('#start_posts_0_title').fill(title);
  await page.locator('#start_posts_0_count').fill('2');
  await page.locator('#start_posts_0_duties').fill('职工服务、困难帮扶');
  await page.locator('#start_annualBudgetYuan').fill('96000');
  await page.locator('#start_reason').fill('职工人数增加，需专职人员');
  await page.locator('#start_qualifications').fill('熟悉劳动法律法规，擅长群众工作');
  await page.locator('.ant-select').filter({ has: page.locator('#start_contractKind') }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '劳动合同' }).click(); // x-enum-titles: the label, not the raw value
}

export async function stateIs(page: Page, text: string | RegExp) {
  await page.locator('[data-testid="state"]').filter({ hasText: text }).waitFor();
  expect(await page.locator('[data-testid="state"]').textContent()).to.match(typeof text === 'string' ? new RegExp(text) : text);
}

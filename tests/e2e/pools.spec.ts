// Pools from the helper's side: Katarzyna, invited by the Lernpaten, sees the invitation from her
// profile, joins, and leaves again — only she can say yes. The seed holds one invitation, so one
// project answers it.
import { expect, expectAccessible, expectNoHorizontalScroll, test } from './support.ts';

const KATARZYNA = 'katarzyna.wojcik@lindenau.example';
const LERNPATEN = 'Lernpaten Lindenau e. V.';

test.skip(
	({ isMobile }) => isMobile,
	'the seed holds one invitation; the desktop project answers it'
);

test('an invited helper joins a pool and leaves it again', async ({ page, signInAs }) => {
	await signInAs(KATARZYNA);
	await page.goto('/profile');
	await expect(page.getByText('Eine Einladung in einen Pool wartet auf dich.')).toBeVisible();
	await page.getByRole('link', { name: 'Pools und Einladungen' }).click();
	await expect(page).toHaveURL('/pools');

	const invitations = page.getByRole('region', { name: 'Einladungen' });
	await expect(invitations.getByRole('listitem').filter({ hasText: LERNPATEN })).toBeVisible();
	await expectAccessible(page);
	await expectNoHorizontalScroll(page);

	await invitations.getByRole('button', { name: `Beitreten: ${LERNPATEN}` }).click();
	await expect(page.getByRole('status')).toHaveText('Du bist jetzt im Pool.');
	const mine = page.getByRole('region', { name: 'Aktuelle Pools' });
	await expect(mine.getByRole('listitem').filter({ hasText: LERNPATEN })).toContainText('aktiv');
	await expect(page.getByRole('region', { name: 'Einladungen' })).toHaveCount(0);

	await mine.getByRole('button', { name: `Pool verlassen: ${LERNPATEN}` }).click();
	await expect(page.getByRole('status')).toHaveText('Du hast den Pool verlassen.');
	await expect(page.getByRole('region', { name: 'Verlassen' })).toContainText(LERNPATEN);
	await expectAccessible(page);
});

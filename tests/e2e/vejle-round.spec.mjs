// A whole Vejle round in <lokal-programme> (examples/programme), as the
// manual runs it: recruit, a wish removed with a reason and noted again, a pair formed by
// mistake and undone, a contract signed on paper first (back-dated, with
// one coffee card each, the project leader's phone and where to get help
// out of hours), meetings, a pause that keeps both in the programme and
// moves the end date, the extension agreed late by both, a back-dated exit
// after which the peer becomes a peer-mentor as the same person (history
// and measurements kept) and is matched again, an exit undone and held
// again, a pause at the exit that is not an exit, and the reports at the
// end. The backup holds every change with its reason.
import { test, expect } from "@playwright/test";
import {
  PROGRAMME_PAGE, HOST, expectNoAxe, createRegistry, nav, notice, openParticipant, openPair, recruit,
  completeForm, fillVisible, lsns, download, openBackupFile,
} from "./lib/programme.mjs";

const PASSPHRASE = "vejle runde 2026 kaffe";

/** A date as dd.mm.åååå. */
const danish = (d) => `${String(d.getDate()).padStart(2, "0")}.${String(d.getMonth() + 1).padStart(2, "0")}.${d.getFullYear()}`;
const TODAY = danish(new Date());
// The exit is entered today but was held yesterday.
const YESTERDAY = danish(new Date(Date.now() - 24 * 3600 * 1000));

/** The participant list's row of `name`. */
const row = (host, name) => host.locator("table tbody tr").filter({ hasText: name });

/** Opens the correction `key` on the current screen (a disclosure), gives `reason` and confirms. */
async function correct(host, key, reason) {
  await host.locator(`#lp-${key}`).click();
  await host.locator(`#lp-${key}-reason`).fill(reason);
  await host.locator(`#lp-${key}-submit`).click();
}

/** Forms a pair on "Match og par". */
async function formPair(host, peer, mentor, date) {
  await nav(host, "Match og par");
  await host.locator("#lp-pair-peer").selectOption({ label: peer });
  await host.locator("#lp-pair-mentor").selectOption({ label: mentor });
  await host.locator("#lp-pair-date").fill(date);
  await host.getByRole("button", { name: "Dan parret" }).click();
  await expect(host.getByRole("heading", { name: `${peer} og ${mentor}`, level: 2 })).toBeVisible();
}

test.describe.configure({ timeout: 600_000 });

test("a Vejle round: pause, a peer who becomes a mentor, an extension agreed late, corrections with reasons", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);

  // Recruit two peer-mentors and two peers, each with a before-measurement.
  await recruit(host, "mentor", { name: "Ole Mentorsen", lsns: [3, 3, 2, 4, 3, 3] });
  await recruit(host, "mentor", { name: "Grete Gåtur", lsns: [4, 3, 3, 3, 3, 2] });
  await recruit(host, "peer", { name: "Ida Ensom", lsns: [1, 1, 0, 2, 1, 1] });
  await recruit(host, "peer", { name: "Bo Bænk", lsns: [2, 1, 1, 1, 2, 1] });

  // A wish written wrong: removed (a reason is needed, and it is kept in
  // the history), then noted again.
  await openParticipant(host, "Ida Ensom");
  await host.locator("#lp-wish-text").fill("Vil gerne gå ture");
  await host.getByRole("button", { name: "Noter ønsket" }).click();
  await expect(notice(host)).toContainText("Ønsket er noteret for Ida Ensom");
  await host.locator("#lp-remove-wish-0").click();
  await host.locator("#lp-remove-wish-0-submit").click();
  await expect(host.getByRole("alert")).toContainText("Skriv, hvorfor du retter eller fortryder.");
  await expectNoAxe(page, "removing a wish, with an error");
  await host.locator("#lp-remove-wish-0-reason").fill("Skrevet forkert i caféen");
  await host.locator("#lp-remove-wish-0-submit").click();
  await expect(notice(host)).toContainText("Ønsket er fjernet for Ida Ensom");
  await host.locator("#lp-wish-text").fill("Vil gerne gå ture ved fjorden");
  await host.getByRole("button", { name: "Noter ønsket" }).click();
  await expect(host.locator("section[aria-labelledby=lp-wishes] ul")).toContainText("Vil gerne gå ture ved fjorden");
  await expect(host.locator("section[aria-labelledby=lp-history]"))
    .toContainText('Et ønske er fjernet: "Vil gerne gå ture". Begrundelse: Skrevet forkert i caféen');

  // Matching: Bo and Grete formed by mistake, undone with a reason, formed again.
  await formPair(host, "Ida Ensom", "Ole Mentorsen", "01.03.2026");
  await formPair(host, "Bo Bænk", "Grete Gåtur", "01.03.2026");
  await correct(host, "undo-pair", "Bo ville hellere vente på en anden");
  await expect(notice(host)).toContainText("Parret er fortrudt. Bo Bænk og Grete Gåtur venter på et match igen.");
  await expect(host.getByRole("region", { name: "Peers, der venter" })).toContainText("Bo Bænk");
  await formPair(host, "Bo Bænk", "Grete Gåtur", "01.03.2026");

  // The contract of Ida and Ole, signed on paper on 28.02 and entered today:
  // no duration to choose (the extension is agreed later), one coffee card
  // each, the project leader's phone and the crisis help filled in.
  await openPair(host, "Ida Ensom", "Ole Mentorsen");
  await host.getByRole("button", { name: "Udfyld kontrakten" }).click();
  let signed = false;
  await completeForm(host, async (h) => {
    await expect(h.locator("#lf-duration")).toHaveCount(0);
    if (await h.locator("#lf-leader_phone").isVisible()) {
      await expect(h.locator("#lf-leader_phone")).toHaveValue("12 34 56 78");
      await expect(h.locator("#lf-crisis_help")).toHaveValue(/psykiatriske akutmodtagelse/);
    }
    if (await h.getByRole("radio", { name: "Kun peeren" }).isVisible()) {
      for (const label of ["Ja, begge", "Kun peeren", "Kun peer-mentoren", "Nej, ikke endnu"]) {
        await expect(h.getByRole("radio", { name: label })).toBeVisible();
      }
    }
    const addPeerGoal = h.locator('[id="lf-peer_goals-add"]');
    if (await addPeerGoal.isVisible() && !(await h.locator('[id="lf-peer_goals.0.text"]').count())) {
      await addPeerGoal.click();
      await h.locator('[id="lf-peer_goals.0.text"]').fill("Gå en tur hver uge");
    }
    await fillVisible(h, {
      contact_beyond: "no", cancellations_agreed: true, meeting_frequency: "weekly",
      meeting_place_agreed: true, start_date: "01.03.2026", coffee_card: "peer_only",
    });
    if (await h.locator("#lf-signature_peer").isVisible() && !signed) {
      await h.locator("#lf-signature_peer").fill("Ida Ensom");
      await h.locator("#lf-signature_mentor").fill("Ole Mentorsen");
      await h.locator("#lf-signature_leader").fill("Mette Projektleder");
      await expect(h.locator("#lf-signing_date")).toHaveValue(TODAY);
      await h.locator("#lf-signing_date").fill("28.02.2026");
      signed = true;
    }
  });
  await expect(notice(host)).toContainText("Kontrakten er underskrevet for Ida Ensom og Ole Mentorsen");
  const doc = host.locator("article.contract-doc");
  await expect(doc).toContainText("Kun peeren");
  await expect(doc).toContainText("12 34 56 78");
  await expect(doc).toContainText("Er der fare for liv, så ring 112.");
  await expect(doc).toContainText("Ida Ensom · 28.02.2026");
  await expect(doc).toContainText(`Skrevet ind den ${TODAY}.`);
  await expect(doc).toContainText("Slutter 01.09.2026");
  await expectNoAxe(page, "the contract with crisis help");

  // Meetings: one held, one the mentor cancelled.
  for (const [date, kind] of [["08.03.2026", "held"], ["15.03.2026", "mentor"]]) {
    await host.locator("#lp-meeting-date").fill(date);
    await host.locator(`#lp-meeting-${kind}`).check();
    await host.getByRole("button", { name: "Registrer", exact: true }).click();
    await expect(notice(host)).toContainText(date);
  }

  // A pause: both stay in the programme, paused.
  await host.locator("#lp-pause-date").fill("01.04.2026");
  await host.getByRole("button", { name: "Sæt forløbet på pause" }).click();
  await expect(notice(host)).toContainText("Forløbet er sat på pause fra den 01.04.2026");
  await nav(host, "Deltagere");
  await expect(row(host, "Ida Ensom")).toContainText("på pause");
  await expect(row(host, "Ole Mentorsen")).toContainText("på pause");
  // Resumed after 30 days; asked, they want the pause added: the end moves.
  await openPair(host, "Ida Ensom", "Ole Mentorsen");
  await host.locator("#lp-pause-date").fill("01.05.2026");
  const moveEnd = host.getByLabel("Ryk slutdatoen med pausens dage, så pausen ikke tæller med");
  await expect(moveEnd).not.toBeChecked();
  await moveEnd.check();
  await expectNoAxe(page, "resuming with the end date moved");
  await host.getByRole("button", { name: "Genoptag forløbet" }).click();
  await expect(notice(host)).toContainText("Forløbet er genoptaget, og slutdatoen er rykket 30 dage til 01.10.2026.");
  const facts = host.locator("dl.facts").first();
  await expect(facts).toContainText("01.10.2026");

  // The extension, agreed late by both: the confirmation names both.
  await host.getByRole("button", { name: "Forlæng med 3 måneder" }).click();
  await expect(host.getByRole("alert")).toContainText("Har både Ida Ensom og Ole Mentorsen sagt ja til at forlænge forløbet med 3 måneder til 31.12.2026?");
  await host.getByRole("button", { name: "Ja, begge vil forlænge" }).click();
  await expect(notice(host)).toContainText("31.12.2026");
  const changes = host.locator("section[aria-labelledby=lp-pair-history]");
  await expect(changes).toContainText("Slutdatoen er rykket 30 dage for en pause");
  await expect(changes).toContainText("Forlænget med 3 måneder, begge sagde ja");
  await expectNoAxe(page, "an extended pair with its changes");

  // The exit of Ida and Ole, held yesterday and entered today: Ida becomes
  // a peer-mentor, Ole wants a new match; the measurement note is kept.
  await host.getByRole("button", { name: "Start exitsamtalen" }).click();
  await completeForm(host, async (h) => {
    if (await h.locator("#lf-exit_date").isVisible()) {
      await expect(h.locator("#lf-exit_date")).toHaveValue(TODAY);
      await h.locator("#lf-exit_date").fill(YESTERDAY);
    }
    await fillVisible(h, {
      "goal_followup.0.outcome": "reached",
      what_next_peer: "become_mentor", what_next_mentor: "new_match",
      measurement_note: "Ida udfyldte den på en god dag", coffee_card_returned: "yes",
      ...lsns("after_peer_m1", [3, 2, 2, 3, 2, 2]),
      ...lsns("after_mentor_m1", [3, 3, 3, 4, 3, 3]),
    });
  }, { onStep: (s) => (s === 0 ? expectNoAxe(page, "the exit's first step with its date") : undefined) });
  await expect(notice(host)).toContainText("Exitsamtalen er gemt for Ida Ensom og Ole Mentorsen");
  const exit = host.locator("section[aria-labelledby=lp-exit]");
  await expect(exit).toContainText(`Exitsamtalen blev holdt ${YESTERDAY}. Skrevet ind den ${TODAY}.`);
  await expect(exit).toContainText("Peer: Ida Ensom, peer-mentor: Ole Mentorsen, projektleder: Mette Projektleder");
  await expect(exit).toContainText("Ida udfyldte den på en god dag");

  // Bo and Grete: an exit recorded by mistake, undone with a reason, held again.
  await openPair(host, "Bo Bænk", "Grete Gåtur");
  await host.getByRole("button", { name: "Start exitsamtalen" }).click();
  await completeForm(host, (h) => fillVisible(h, { what_next_peer: "stop", what_next_mentor: "stop" }));
  await expect(notice(host)).toContainText("Exitsamtalen er gemt for Bo Bænk og Grete Gåtur");
  await host.locator("#lp-undo-exit").click();
  await host.locator("#lp-undo-exit-submit").click();
  await expect(host.getByRole("alert")).toContainText("Skriv, hvorfor du retter eller fortryder.");
  await expectNoAxe(page, "undoing an exit, with an error");
  await host.locator("#lp-undo-exit-reason").fill("Skrevet ind på det forkerte par");
  await host.locator("#lp-undo-exit-submit").click();
  await expect(notice(host)).toContainText("Exitsamtalen er fortrudt. Forløbet er i gang igen.");
  await expect(host.getByRole("button", { name: "Start exitsamtalen" })).toBeVisible();
  await expect(host.locator("section[aria-labelledby=lp-pair-history]"))
    .toContainText("Exitsamtalen er fortrudt. Begrundelse: Skrevet ind på det forkerte par");
  // Held again: a pause at the exit is not an exit; café duty without a new match.
  await host.getByRole("button", { name: "Start exitsamtalen" }).click();
  await completeForm(host, (h) => fillVisible(h, { what_next_peer: "pause", what_next_mentor: "cafe_duty" }));

  // Statuses: nobody left the programme.
  await nav(host, "Deltagere");
  await expect(row(host, "Ida Ensom")).toContainText(/peer-mentor.*venter på match/);
  await expect(row(host, "Ole Mentorsen")).toContainText("venter på match");
  await expect(row(host, "Bo Bænk")).toContainText("på pause");
  await expect(row(host, "Grete Gåtur")).toContainText("aktiv uden forløb");
  await expectNoAxe(page, "the participant list after the exits");

  // Ida, now a peer-mentor: the same person, her history and her
  // before/after as a peer kept.
  await openParticipant(host, "Ida Ensom");
  await expect(host.getByText("peer-mentor · venter på match")).toBeVisible();
  await expect(host.getByRole("img", { name: /Lubben.*Før: 6\. Efter: 14\./ })).toBeVisible();
  const history = host.locator("section[aria-labelledby=lp-history]");
  await expect(history).toContainText("Blev peer-mentor (samme person, med sin historik og sine målinger)");
  await expect(history).toContainText("matchet → på pause");

  // A new peer (waiting once recruited), matched with Ida as the mentor.
  await recruit(host, "peer", { name: "Karl Kaffe", lsns: [2, 2, 1, 1, 1, 1] });
  await nav(host, "Match og par");
  await expect(host.getByRole("region", { name: "Peer-mentorer, der venter" })).toContainText("Ida Ensom");
  await formPair(host, "Karl Kaffe", "Ida Ensom", TODAY);
  await nav(host, "Deltagere");
  await expect(row(host, "Ida Ensom")).toContainText("matchet");

  // Bo is back from his pause: on the waiting list again.
  await openParticipant(host, "Bo Bænk");
  await host.getByRole("button", { name: "Sæt på venteliste til et match" }).click();
  await expect(host.getByText("peer · venter på match")).toBeVisible();

  // Reports at the end.
  await nav(host, "Rapporter");
  const cohort = host.getByRole("region", { name: /Lubben/ });
  // By role, each measurement in the role of its day (Registry::role_at).
  // Ida's exit was entered back-dated to yesterday, the day she became a
  // mentor, and her before-measurement is from today's recruitment: her
  // after-measurement is a peer's and her before-measurement a mentor's,
  // so neither role has both of hers. Ole has both as a mentor; everyone
  // together counts Ida once with her latest of each: two.
  await expect(cohort.getByRole("columnheader")).toHaveText(["Tal", "Peers", "Peer-mentorer", "Alle"]);
  await expect(cohort.getByRole("row", { name: /både før- og eftermåling/ }).getByRole("cell")).toHaveText(["0", "1", "2"]);
  await expectNoAxe(page, "the reports after a round");

  // The backup keeps every change with its reason.
  await nav(host, "Sikkerhedskopi");
  const BACKUP_PASS = "runden i skabet 2026";
  await host.locator("#lp-backup-pass").fill(BACKUP_PASS);
  await host.locator("#lp-backup-again").fill(BACKUP_PASS);
  const file = await download(page, () => host.getByRole("button", { name: "Hent sikkerhedskopien" }).click());
  const registry = JSON.parse(await openBackupFile(file.path, BACKUP_PASS));
  expect(registry.version).toBe(2);
  const kinds = registry.changes.map((c) => [c.kind, c.reason ?? ""]);
  expect(kinds).toEqual([
    ["wish_removed", "Skrevet forkert i caféen"],
    ["pair_undone", "Bo ville hellere vente på en anden"],
    ["end_moved", ""],
    ["extended", ""],
    ["became_mentor", ""],
    ["exit_undone", "Skrevet ind på det forkerte par"],
  ]);
  const ida = registry.participants.find((p) => p.name === "Ida Ensom");
  expect(ida.role).toBe("mentor");
  expect(ida.measurements.map((m) => m.when)).toEqual(["before", "after"]);
  const first = registry.pairs.find((p) => p.peer === ida.id);
  expect(first.end_moved_days).toBe(30);
  expect(first.contract.coffee_card).toBe("peer_only");
  expect(first.contract.entered).toBeTruthy();
  expect(first.exit.measurement_note).toBe("Ida udfyldte den på en god dag");
  expect(first.exit.entered).toBeTruthy();
  expect(errors).toEqual([]);
});

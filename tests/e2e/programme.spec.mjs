// <lokal-programme>: a whole peer-support programme in the project worker's
// application (examples/programme): a new registry, two mentors and three
// peers recruited with their before-measurement, a wish, two pairs, a
// contract with three signatures (its print-out rendered to PDF by Chromium
// holds the three names, the goals and the hash), meetings and a
// cancellation, a pause and its end, the extension, both exits with
// after-measurements (the peer's hopes from recruitment shown beside what
// the relationship meant), the participant's chart, the cohort report by role
// (no interval under 5), the participants with missing data and the
// evaluator export (a table, the JSON, files, and sent to the collector). Every
// request the page makes is recorded: none carries personal data. axe-core
// runs on every screen. A served form that lacks an id the programme reads
// is refused with the file and the id.
import { test, expect } from "@playwright/test";
import fs from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { COLLECTOR, ADMIN_TOKEN } from "./lib/env.mjs";
import { basicAuth } from "./lib/collector.mjs";
import { recordRequests } from "./lib/network.mjs";
import { draftIds, rawDraft } from "./lib/form.mjs";
import {
  PROGRAMME_PAGE, HOST, expectNoAxe, createRegistry, nav, notice, openParticipant, openPair, recruit,
  completeForm, fillVisible, drawSignature, lsns, download, openBackupFile, unlock, RECORD_ID,
} from "./lib/programme.mjs";

const PASSPHRASE = "kaffe i caféen 2026";

const MENTORS = [
  { name: "Ole Mentorsen", phone: "20 30 40 50", lsns: [3, 3, 2, 4, 3, 3] },
  { name: "Grete Gåtur", lsns: [4, 3, 3, 3, 3, 2] },
];
const PEERS = [
  { name: "Ida Ensom", cpr: "010190-1234", phone: "22 33 44 55", lsns: [1, 1, 0, 2, 1, 1], note: "Udfyldt på en dårlig dag", matchNote: "En der kan lide at gå ture", hopes: ["Komme mere ud"] },
  { name: "Bo Bænk", lsns: [2, 1, 1, 1, 2, 1] },
  { name: "Karl Kaffe", lsns: [2, 2, 1, null, 1, 1] },
];
// Things that must never leave the device.
const PERSONAL = [
  ...MENTORS.map((m) => m.name), ...PEERS.map((p) => p.name), "010190", "1234", "22 33 44 55", "20 30 40 50",
  "Gå på biblioteket hver uge", "Dele mine erfaringer", "dårlig dag", "Mette Projektleder", "Komme mere ud",
];

async function pdfText(buffer) {
  const doc = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false }).promise;
  let text = "";
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => it.str + (it.hasEOL ? "\n" : " ")).join("") + "\n";
  }
  return text.replace(/\s+/g, " ");
}

test.describe.configure({ timeout: 600_000 });

test("a whole programme: recruit, match, contract, meetings, pause, exits, reports; nothing personal leaves", async ({ page, context }) => {
  const requests = recordRequests(context);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await expectNoAxe(page, "the new-registry screen");
  await createRegistry(host, PASSPHRASE);
  await expectNoAxe(page, "the empty participant list");

  // Recruit: axe on every step of the first questionnaire.
  let first = true;
  for (const m of MENTORS) {
    await recruit(host, "mentor", m, first ? (step) => expectNoAxe(page, `recruitment step ${step}`) : undefined);
    first = false;
  }
  for (const p of PEERS) await recruit(host, "peer", p);
  await expectNoAxe(page, "a participant");

  // The list: five participants, CPR masked, LSNS-6 before.
  await nav(host, "Deltagere");
  const rows = host.locator("table tbody tr");
  await expect(rows).toHaveCount(5);
  const ida = rows.filter({ hasText: "Ida Ensom" });
  await expect(ida).toContainText("010190-XXXX");
  await expect(ida).not.toContainText("1234");
  const lsnsBefore = (row) => row.locator("td").nth(3);
  await expect(lsnsBefore(ida)).toHaveText("6"); // 1+1+0+2+1+1
  await expect(lsnsBefore(rows.filter({ hasText: "Karl Kaffe" }))).toHaveText("mangler"); // an item skipped: no total
  await expectNoAxe(page, "the participant list");

  // Ida: the missing-item note, the whole CPR only on request, a wish.
  await openParticipant(host, "Ida Ensom");
  await expect(host.getByText("010190-XXXX")).toBeVisible();
  await host.getByRole("button", { name: "Vis hele CPR-nummeret" }).click();
  await expect(host.getByText("010190-1234")).toBeVisible();
  await expect(host.getByText("Udfyldt på en dårlig dag")).toBeVisible();
  await host.locator("#lp-wish-text").fill("Vil gerne gå ture ved fjorden");
  await host.locator("#lp-wish-with").selectOption({ label: "Ole Mentorsen" });
  await host.getByLabel("På en tur").check();
  await host.getByRole("button", { name: "Noter ønsket" }).click();
  await expect(notice(host)).toContainText("Ønsket er noteret for Ida Ensom");
  await expect(host.getByText(/Vil gerne gå ture ved fjorden.*Ole Mentorsen/)).toBeVisible();
  await expectNoAxe(page, "a participant with a wish");

  // Matching: the waiting lists side by side with the wish; two pairs.
  await nav(host, "Match og par");
  await expect(host.getByRole("region", { name: "Peers, der venter" })).toContainText("Vil gerne gå ture ved fjorden → Ole Mentorsen");
  await expectNoAxe(page, "matching");
  for (const [peer, mentor] of [["Ida Ensom", "Ole Mentorsen"], ["Bo Bænk", "Grete Gåtur"]]) {
    await nav(host, "Match og par");
    await host.locator("#lp-pair-peer").selectOption({ label: peer });
    await host.locator("#lp-pair-mentor").selectOption({ label: mentor });
    await host.locator("#lp-pair-date").fill("01.03.2026");
    await host.getByRole("button", { name: "Dan parret" }).click();
    await expect(host.getByRole("heading", { name: `${peer} og ${mentor}`, level: 2 })).toBeVisible();
  }
  await expectNoAxe(page, "a new pair");

  // The contract of Ida and Ole: goals, agreements, three signatures.
  await openPair(host, "Ida Ensom", "Ole Mentorsen");
  await host.getByRole("button", { name: "Udfyld kontrakten" }).click();
  await expect(host.locator("#lf-peer_name")).toHaveValue("Ida Ensom");
  await expect(host.locator("#lf-mentor_name")).toHaveValue("Ole Mentorsen");
  await expect(host.locator("#lf-leader_name")).toHaveValue("Mette Projektleder");
  let signed = 0;
  await completeForm(host, async (h) => {
    const addPeerGoal = h.locator('[id="lf-peer_goals-add"]');
    if (await addPeerGoal.isVisible() && !(await h.locator('[id="lf-peer_goals.0.text"]').count())) {
      await addPeerGoal.click();
      await h.locator('[id="lf-peer_goals.0.text"]').fill("Gå på biblioteket hver uge");
      await h.locator('[id="lf-mentor_goals-add"]').click();
      await h.locator('[id="lf-mentor_goals.0.text"]').fill("Dele mine erfaringer");
    }
    await fillVisible(h, {
      contact_beyond: "yes", contact_how_often: "En sms om ugen", cancellations_agreed: true,
      meeting_frequency: "weekly", meeting_place_agreed: true, start_date: "01.03.2026",
      coffee_card: "both",
    });
    if (await h.locator("#lf-signature_peer").isVisible() && !signed) {
      await drawSignature(page, h, "signature_peer");
      await h.locator("#lf-signature_peer").fill("Ida Ensom");
      await h.locator("#lf-signature_mentor").fill("Ole Mentorsen");
      await h.locator("#lf-signature_leader").fill("Mette Projektleder");
      signed = 3;
    }
  }, { onStep: (s) => expectNoAxe(page, `contract step ${s}`) });
  await expect(notice(host)).toContainText("Kontrakten er underskrevet for Ida Ensom og Ole Mentorsen");
  const doc = host.locator("article.contract-doc");
  await expect(doc).toContainText("Gå på biblioteket hver uge");
  await expect(doc).toContainText("Dele mine erfaringer");
  await expect(doc.locator("svg.signature-drawing path")).toHaveCount(1);
  const hash = (await doc.locator("code.hash").innerText()).trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await expect(doc).toContainText("01.09.2026"); // 6 months after 01.03.2026
  await expectNoAxe(page, "the contract document");

  // The print-out, as Chromium renders it to PDF.
  await page.emulateMedia({ media: "print" });
  const pdf = await pdfText(await page.pdf({ format: "A4" }));
  await page.emulateMedia({ media: "screen" });
  for (const text of ["Ida Ensom", "Ole Mentorsen", "Mette Projektleder", "Gå på biblioteket hver uge", "Dele mine erfaringer", hash]) {
    expect(pdf, `the PDF holds ${text}`).toContain(text);
  }
  expect(pdf).not.toContain("Lås registret");
  expect(pdf).not.toContain("Registrer");

  // A date that does not exist: the error stands above the box, which gets focus; nothing is logged.
  await host.locator("#lp-meeting-date").fill("32.13.2026");
  await host.getByRole("button", { name: "Registrer", exact: true }).click();
  await expect(host.locator("#lp-meeting-date-error")).toHaveText("Fejl: Skriv datoen som dd.mm.åååå, fx 01.09.2026.");
  await expect(host.locator("#lp-meeting-date")).toHaveAttribute("aria-invalid", "true");
  await expect(host.locator("#lp-meeting-date")).toBeFocused();
  await expect(host.locator("#lp-meeting-date")).toHaveValue("32.13.2026");
  await expectNoAxe(page, "a date error");

  // Meetings: two held, one cancelled by the peer.
  for (const [date, kind] of [["08.03.2026", "held"], ["15.03.2026", "peer"], ["22.03.2026", "held"]]) {
    await host.locator("#lp-meeting-date").fill(date);
    await host.locator(`#lp-meeting-${kind}`).check();
    await host.getByRole("button", { name: "Registrer", exact: true }).click();
    await expect(notice(host)).toContainText(date);
  }
  const facts = host.locator("dl.facts").first();
  await expect(facts).toContainText(/Møder holdt\s*2/);
  await expect(facts).toContainText(/Møder med afbud\s*1/);
  await expect(host.getByRole("table", { name: "Møder og afbud" })).toContainText("Afbud fra peeren");

  // A pause and its end; the extension (end 01.12.2026).
  await host.locator("#lp-pause-date").fill("01.04.2026");
  await host.getByRole("button", { name: "Sæt forløbet på pause" }).click();
  await expect(notice(host)).toContainText("Forløbet er sat på pause fra den 01.04.2026");
  await expect(facts).toContainText("På pause");
  await expectNoAxe(page, "a paused pair");
  await host.locator("#lp-pause-date").fill("01.05.2026");
  await host.getByRole("button", { name: "Genoptag forløbet" }).click();
  await expect(notice(host)).toContainText("Forløbet er genoptaget fra den 01.05.2026");
  await host.getByRole("button", { name: "Forlæng med 3 måneder" }).click();
  await expect(host.getByRole("alert")).toContainText("Har både Ida Ensom og Ole Mentorsen sagt ja til at forlænge forløbet med 3 måneder til 01.12.2026?");
  await expect(host.getByRole("button", { name: "Ja, begge vil forlænge" })).toBeFocused();
  await host.getByRole("button", { name: "Ja, begge vil forlænge" }).click();
  await expect(notice(host)).toContainText("01.12.2026");
  await expect(host.getByRole("button", { name: "Forlæng med 3 måneder" })).toHaveCount(0);

  // The exit of Ida and Ole: the contract's goals are there; after-measurements for both.
  await host.getByRole("button", { name: "Start exitsamtalen" }).click();
  await expect(host.locator("#lf-participants")).toHaveValue("Peer: Ida Ensom, peer-mentor: Ole Mentorsen, projektleder: Mette Projektleder");
  let goalsShown = false;
  let hopesShown = false;
  await completeForm(host, async (h) => {
    // What Ida hoped for at recruitment, beside what it meant to her.
    if (await h.locator("#lf-meaning_peer").isVisible()) {
      await expect(h.locator("#lf-meaning_peer-help")).toHaveText("Da forløbet begyndte, håbede du på: Komme mere ud.");
      await expect(h.locator("#lf-meaning_mentor-help")).toHaveCount(0); // Ole wrote no hopes
      hopesShown = true;
    }
    const goal = h.locator('[id="lf-goal_followup.0.text"]');
    if (await goal.isVisible()) {
      expect(await goal.inputValue()).toMatch(/^Gå på biblioteket hver uge/);
      await expect(h.locator('[id="lf-goal_followup.1.text"]')).toHaveValue(/^Dele mine erfaringer/);
      goalsShown = true;
    }
    await fillVisible(h, {
      "goal_followup.0.outcome": "reached", "goal_followup.1.outcome": "partly",
      meaning_peer: "Jeg kom ud af døren", what_next_peer: "become_mentor", what_next_mentor: "new_match",
      coffee_card_returned: "yes",
      ...lsns("after_peer_m1", [3, 2, 2, 3, 2, 2]),
      ...lsns("after_mentor_m1", [3, 3, 3, 4, 3, 3]),
    });
  }, { onStep: (s) => expectNoAxe(page, `exit step ${s}`) });
  expect(goalsShown, "the contract's goals were on the exit form").toBe(true);
  expect(hopesShown, "the peer's hopes were on the exit form").toBe(true);
  await expect(notice(host)).toContainText("Exitsamtalen er gemt for Ida Ensom og Ole Mentorsen");
  await expect(host.locator("dl.facts").first()).toContainText("Afsluttet");

  // The exit of Bo and Grete, without a contract.
  await openPair(host, "Bo Bænk", "Grete Gåtur");
  await host.getByRole("button", { name: "Start exitsamtalen" }).click();
  await completeForm(host, (h) => fillVisible(h, {
    what_next_peer: "pause", what_next_mentor: "cafe_duty", coffee_card_returned: "no",
    ...lsns("after_peer_m1", [2, 2, 1, 2, 2, 2]),
  }));
  await expect(notice(host)).toContainText("Exitsamtalen er gemt for Bo Bænk og Grete Gåtur");

  // Statuses follow the exits: Ida becomes a peer-mentor (the same person)
  // and waits for a match, as does Ole; Bo's pause keeps him in the
  // programme, Grete takes café duty without a new match.
  await nav(host, "Deltagere");
  await expect(rows.filter({ hasText: "Ida Ensom" })).toContainText(/peer-mentor.*venter på match/);
  await expect(rows.filter({ hasText: "Ole Mentorsen" })).toContainText("venter på match");
  await expect(rows.filter({ hasText: "Bo Bænk" })).toContainText("på pause");
  await expect(rows.filter({ hasText: "Grete Gåtur" })).toContainText("aktiv uden forløb");

  // Ida's before/after: an SVG chart with its text, and the table.
  await openParticipant(host, "Ida Ensom");
  const chart = host.getByRole("img", { name: /Lubben.*Før: 6\. Efter: 14\./ });
  await expect(chart).toBeVisible();
  const table = host.locator(".measure table");
  await expect(table).toContainText("+8");
  await expectNoAxe(page, "a participant's before/after");

  // Reports: the cohort by role, the participants with missing data (names,
  // on the device only), the export.
  await nav(host, "Rapporter");
  const cohort = host.getByRole("region", { name: /Lubben/ }).first();
  await expect(cohort.getByRole("columnheader")).toHaveText(["Tal", "Peers", "Peer-mentorer", "Alle"]);
  // Peers Ida and Bo, peer-mentor Ole: both measurements.
  await expect(cohort.getByRole("row", { name: /både før- og eftermåling/ }).getByRole("cell")).toHaveText(["2", "1", "3"]);
  // Fewer than 5 with both: no confidence interval, and the page says why.
  await expect(cohort.getByRole("row", { name: /konfidensinterval/ }).getByRole("cell")).toHaveText(Array(3).fill("Ikke beregnet (under 5)"));
  await expect(host.getByText("Konfidensintervallet vises først, når mindst 5 har både en før- og en eftermåling.", { exact: false })).toBeVisible();
  // The evaluator's note on the cut-off; the worker-only translation note is not on the measurement forms.
  await expect(host.getByText("LSNS-6 er valideret med personer på 65 år og derover.", { exact: false })).toBeVisible();
  const hard = host.getByRole("table", { name: "Forløb med manglende data" });
  await expect(hard.getByRole("row", { name: /Karl Kaffe/ })).toContainText("ikke matchet");
  await expect(hard.getByRole("row", { name: /Grete Gåtur/ })).toContainText("mangler eftermåling");
  await expectNoAxe(page, "the reports");
  // The export as a readable table: one row per instrument and role; the JSON behind a disclosure.
  const exportTable = host.getByRole("table", { name: "Udtrækket til evaluering" });
  await expect(exportTable.getByRole("row")).toHaveCount(3);
  const peersRow = exportTable.getByRole("row", { name: /Lubben/ }).first();
  await expect(peersRow.getByRole("cell").nth(0)).toHaveText("Peers");
  await expect(peersRow.getByRole("cell").nth(1)).toHaveText("<5"); // Ida and Bo
  await expect(peersRow.getByRole("cell").nth(4)).toHaveText("<5"); // no mean change, no interval
  await expect(host.locator("#lp-export-payload")).toBeHidden();
  await host.getByText("Vis udtrækket som JSON").click();
  await expect(host.locator("#lp-export-payload")).toBeVisible();
  const payload = await host.locator("#lp-export-payload").innerText();
  for (const text of PERSONAL) expect(payload).not.toContain(text);
  const exported = JSON.parse(payload);
  expect(exported.municipality).toBe("Vejle Kommune");
  expect(exported.reports.map((r) => [r.instrument, r.group])).toEqual([["lsns6", "peers"], ["lsns6", "mentors"]]);
  expect(exported.reports[0].with_both).toEqual({ label: "<5", value: null });
  const csv = await download(page, () => host.getByRole("button", { name: "Hent som CSV" }).click());
  const csvText = fs.readFileSync(csv.path, "utf8");
  // Municipality, programme and round on every row; the figures by role.
  expect(csvText.split("\r\n")[0]).toBe("\ufeffmunicipality,programme,round,instrument,version,group,measure,value");
  expect(csvText).toMatch(/\r\nVejle Kommune,[^,\r\n]+,\d{4},lsns6,1,peers,with_both,<5\r\n/);
  expect(csvText).toMatch(/\r\nVejle Kommune,[^,\r\n]+,\d{4},lsns6,1,mentors,with_both,<5\r\n/);
  for (const text of PERSONAL) expect(csvText).not.toContain(text);
  await host.getByRole("button", { name: "Send til indsamleren" }).click();
  await expect(host.getByText("Tallene er sendt til indsamleren.")).toBeVisible();
  const stored = await fetch(`${COLLECTOR}/admin/cohorts.json`, { headers: { authorization: basicAuth(ADMIN_TOKEN) } });
  expect(stored.status).toBe(200);
  const storedText = await stored.text();
  expect(storedText).toContain("Vejle Kommune");
  for (const text of PERSONAL) expect(storedText).not.toContain(text);

  // Lock; a wrong passphrase changes nothing; the right one opens it all.
  await host.getByRole("button", { name: "Lås registret" }).click();
  await expect(host.getByText("Ida Ensom")).toHaveCount(0);
  await unlock(host, "forkert kode");
  await expect(host.getByRole("alert")).toContainText("Adgangskoden passer ikke. Prøv igen. Intet er ændret.");
  await expectNoAxe(page, "a wrong passphrase");
  await unlock(host, PASSPHRASE);
  // Back where the worker was.
  await expect(host.getByRole("heading", { name: "Rapporter", level: 2 })).toBeVisible();
  await nav(host, "Deltagere");
  await expect(host.locator("table tbody tr")).toHaveCount(5);

  // Every request the page made: none carries anything personal; only the cohort went out.
  await requests.settled();
  const posts = requests.log.filter((r) => r.method !== "GET");
  expect(posts.map((r) => new URL(r.url).pathname)).toEqual(["/api/v1/cohorts"]);
  for (const r of requests.log) {
    const seen = `${r.url} ${r.postData ?? ""} ${JSON.stringify(r.headers)}`;
    for (const text of PERSONAL) expect(seen, `request ${r.url}`).not.toContain(text);
  }
  expect(errors).toEqual([]);
});

test("backup → wipe the browser's storage → restore gives the identical registry; wrong passphrase and damaged files fail cleanly", async ({ page }) => {
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await recruit(host, "peer", PEERS[0]);
  await recruit(host, "mentor", MENTORS[0]);

  await nav(host, "Sikkerhedskopi");
  await expectNoAxe(page, "the backup screen");
  const BACKUP_PASS = "usb-stikket i skabet";
  await host.locator("#lp-backup-pass").fill(BACKUP_PASS);
  await host.locator("#lp-backup-again").fill(BACKUP_PASS);
  const file = await download(page, () => host.getByRole("button", { name: "Hent sikkerhedskopien" }).click());
  expect(file.name).toMatch(/^lokalform-vejle-demo-\d{4}-\d{2}-\d{2}\.backup\.json$/);
  const raw = fs.readFileSync(file.path, "utf8");
  for (const text of PERSONAL) expect(raw).not.toContain(text);
  const before = await openBackupFile(file.path, BACKUP_PASS);
  expect(JSON.parse(before).participants.map((p) => p.name)).toEqual(["Ida Ensom", "Ole Mentorsen"]);

  // Wipe everything the origin stored, then reload: a device without a registry.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Storage.clearDataForOrigin", { origin: new URL(page.url()).origin, storageTypes: "all" });
  await page.reload();
  await expect(host.getByRole("heading", { name: "Opret et register for programmet" })).toBeVisible();
  await host.getByRole("button", { name: "Gendan en sikkerhedskopi" }).click();
  await expectNoAxe(page, "restore on an empty device");

  // A wrong passphrase, a damaged file, a file that is no backup: each fails, nothing changes.
  const damaged = `${file.path}.damaged.json`;
  const env = JSON.parse(raw);
  env.data = (env.data[0] === "A" ? "B" : "A") + env.data.slice(1);
  fs.writeFileSync(damaged, JSON.stringify(env));
  const other = `${file.path}.other.json`;
  fs.writeFileSync(other, '{"hello":"world"}');
  for (const [path, pass, message] of [
    [file.path, "forkert adgangskode", "Adgangskoden passer ikke, eller filen er beskadiget. Intet er ændret."],
    [damaged, BACKUP_PASS, "Adgangskoden passer ikke, eller filen er beskadiget. Intet er ændret."],
    [other, BACKUP_PASS, "Filen er ikke en sikkerhedskopi fra lokalform. Intet er ændret."],
  ]) {
    await host.locator("#lp-restore-file").setInputFiles(path);
    await host.locator("#lp-restore-pass").fill(pass);
    await host.getByRole("button", { name: "Åbn sikkerhedskopien" }).click();
    await expect(host.locator("#lp-restore-error")).toContainText(message);
  }
  await expectNoAxe(page, "a refused backup");

  // The real one: shown first, restored on confirmation.
  await host.locator("#lp-restore-file").setInputFiles(file.path);
  await host.locator("#lp-restore-pass").fill(BACKUP_PASS);
  await host.getByRole("button", { name: "Åbn sikkerhedskopien" }).click();
  await expect(host.locator("#lp-restore-found")).toContainText("Sikkerhedskopien indeholder 2 deltagere og 0 par.");
  await host.getByRole("button", { name: "Gendan registret" }).click();
  await expect(host.getByRole("heading", { name: "Deltagere", level: 2 })).toBeVisible();
  await expect(host.locator("table tbody tr")).toHaveCount(2);

  // Identical: a new backup of the restored registry holds the same text.
  await nav(host, "Sikkerhedskopi");
  await host.locator("#lp-backup-pass").fill(BACKUP_PASS);
  await host.locator("#lp-backup-again").fill(BACKUP_PASS);
  const again = await download(page, () => host.getByRole("button", { name: "Hent sikkerhedskopien" }).click());
  expect(await openBackupFile(again.path, BACKUP_PASS)).toBe(before);

  // The registry is sealed under the backup's passphrase after a reload.
  await page.reload();
  await unlock(host, BACKUP_PASS);
  await expect(host.locator("table tbody tr")).toHaveCount(2);

  // Restoring over a registry asks first; "Nej" keeps it.
  await recruit(host, "peer", PEERS[1]);
  await nav(host, "Sikkerhedskopi");
  await host.locator("#lp-restore-file").setInputFiles(file.path);
  await host.locator("#lp-restore-pass").fill(BACKUP_PASS);
  await host.getByRole("button", { name: "Åbn sikkerhedskopien" }).click();
  await expect(host.locator("#lp-restore-found")).toContainText("Det nuværende register på enheden bliver erstattet (3 deltagere og 0 par).");
  await expectNoAxe(page, "the restore confirmation");
  await host.getByRole("button", { name: "Nej, behold det nuværende" }).click();
  await nav(host, "Deltagere");
  await expect(host.locator("table tbody tr")).toHaveCount(3);
  await nav(host, "Sikkerhedskopi");
  await host.locator("#lp-restore-file").setInputFiles(file.path);
  await host.locator("#lp-restore-pass").fill(BACKUP_PASS);
  await host.getByRole("button", { name: "Åbn sikkerhedskopien" }).click();
  await host.getByRole("button", { name: "Ja, erstat registret" }).click();
  await expect(host.locator(".notice-slot")).toContainText("Registret er gendannet fra sikkerhedskopien: 2 deltagere og 0 par.");
});

test("the registry warns before it locks itself after idle-lock seconds; one tab at a time", async ({ page, context }) => {
  await page.goto(PROGRAMME_PAGE);
  await page.evaluate(() => {
    const old = document.querySelector("lokal-programme");
    const fresh = old.cloneNode(false);
    fresh.setAttribute("idle-lock", "6");
    old.replaceWith(fresh);
  });
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await expect(host.getByText("Registret låser sig selv efter 6 sekunder uden aktivitet.")).toBeVisible();

  // A second tab cannot open the same registry while this one has it open.
  const other = await context.newPage();
  await other.goto(PROGRAMME_PAGE);
  const second = other.locator(HOST);
  await unlock(second, PASSPHRASE);
  await expect(second.getByRole("alert")).toContainText("Registret er åbent i et andet vindue eller faneblad.");
  await expectNoAxe(other, "the registry open elsewhere");

  // Warned first; "Bliv ved" keeps it open.
  const warning = host.getByRole("alert").filter({ hasText: "Registret låser sig selv om lidt" });
  await expect(warning).toBeVisible({ timeout: 10_000 });
  await expectNoAxe(page, "the idle warning");
  // (Any key, tap or mouse movement also counts as activity; a click without
  // moving the pointer is what a screen reader's activation does.)
  await host.getByRole("button", { name: "Bliv ved" }).dispatchEvent("click");
  await expect(warning).toHaveCount(0);
  await expect(host.getByRole("heading", { name: "Deltagere", level: 2 })).toBeVisible();
  // Then, left alone, it locks: the screen is cleared and focus is on the unlock heading.
  await expect(host.getByRole("heading", { name: "Lås registret op" })).toBeVisible({ timeout: 15_000 });
  await expect(host.locator("#lp-heading")).toBeFocused();

  // Locked here: the other tab may open it now.
  await second.locator("#lp-pass").fill(PASSPHRASE);
  await second.getByRole("button", { name: "Lås op" }).click();
  await expect(second.getByRole("heading", { name: "Deltagere", level: 2 })).toBeVisible();
  await other.close();
});

test("a licensed instrument is imported as a definition: a broken one is refused with its path; the imported one joins the before-measurement and the report", async ({ page }) => {
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await nav(host, "Måleredskaber");
  await expectNoAxe(page, "the instruments screen");
  const definition = JSON.parse(fs.readFileSync(new URL("./fixtures/instrument-hope.json", import.meta.url), "utf8"));

  // Broken: a reverse flag that is not true/false.
  const broken = structuredClone(definition);
  broken.items[1].reverse = "yes";
  await host.locator("#lp-import-text").fill(JSON.stringify(broken));
  await host.getByRole("button", { name: "Tilføj måleredskabet" }).click();
  await expect(host.getByRole("alert")).toContainText("items[1].reverse: expected true or false, found a string");
  await expectNoAxe(page, "a refused instrument");

  // The real one, from a file.
  await host.locator("#lp-import-file").setInputFiles(new URL("./fixtures/instrument-hope.json", import.meta.url).pathname);
  await host.getByRole("button", { name: "Tilføj måleredskabet" }).click();
  await expect(notice(host)).toContainText("Måleredskabet er tilføjet: Håbsskema (opdigtet)");
  await expect(host.getByRole("list", { name: "Måleredskaber i registret" }).getByRole("listitem")).toHaveCount(2);
  // The same id and version again: refused.
  await host.locator("#lp-import-file").setInputFiles(new URL("./fixtures/instrument-hope.json", import.meta.url).pathname);
  await host.getByRole("button", { name: "Tilføj måleredskabet" }).click();
  await expect(host.getByRole("alert")).toContainText("hope-test");

  // Recruiting now has two measurement steps; one item of the new one skipped (mean of three: allowed).
  const titles = [];
  await nav(host, "Deltagere");
  await host.getByRole("button", { name: "Rekrutter en peer", exact: true }).click();
  await completeForm(host, async (h) => {
    titles.push(await h.locator("#lf-step-heading").innerText());
    await fillVisible(h, {
      name: "Ida Ensom", decision: "yes", consent_data: true, consent_evaluation: true,
      ...lsns("before_m1", [1, 1, 0, 2, 1, 1]),
      before_m2_1: "4", before_m2_2: "2", before_m2_3: "3",
    });
  });
  expect(titles.join("\n")).toContain("Førmåling: Håbsskema (opdigtet)");
  await expect(host.getByRole("heading", { name: "Ida Ensom", level: 2 })).toBeVisible();
  // Mean of calm 4, tense 2 reversed to 4, future 3: 3.7; "stuck" shown as unanswered.
  await expect(host.getByRole("img", { name: /Håbsskema \(opdigtet\) Før: 3,7\./ })).toBeVisible();
  await expect(host.getByText("Ubesvaret før: Jeg sidder fast")).toBeVisible();
  await expectNoAxe(page, "two instruments on a participant");
  await nav(host, "Rapporter");
  await expect(host.getByRole("region", { name: "Håbsskema (opdigtet)", exact: true })).toBeVisible();
  expect(JSON.parse(await host.locator("#lp-export-payload").textContent()).reports.map((r) => `${r.instrument} ${r.group}`)).toEqual(["lsns6 peers", "lsns6 mentors", "hope-test peers", "hope-test mentors"]);
});

test("a forgotten passphrase: the registry and its drafts are deleted on this device only after a clear warning", async ({ page }) => {
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await recruit(host, "peer", PEERS[1]);
  // A recruitment begun: its draft is sealed under the programme's key.
  await nav(host, "Deltagere");
  await host.getByRole("button", { name: "Rekrutter en peer-mentor", exact: true }).click();
  await host.locator("#lf-name").fill("Halvt Rekrutteret");
  await expect.poll(() => draftIds(page)).toContain("form:recruitment-mentor:vejle-demo");
  expect(await draftIds(page)).toContain(RECORD_ID);
  await host.getByRole("button", { name: "Lås registret" }).click();

  await host.getByText("Har du glemt adgangskoden?").click();
  await host.getByRole("button", { name: "Slet registret på denne enhed" }).click();
  await expect(host.getByRole("alert")).toContainText("Det kan ikke fortrydes.");
  await expectNoAxe(page, "deleting a registry");
  await host.getByRole("button", { name: "Nej, behold det" }).click();
  expect(await draftIds(page)).toContain(RECORD_ID);
  await host.getByRole("button", { name: "Slet registret på denne enhed" }).click();
  await host.getByRole("button", { name: "Ja, slet registret" }).click();
  await expect(host.getByRole("heading", { name: "Opret et register for programmet" })).toBeFocused();
  const left = await draftIds(page);
  expect(left).not.toContain(RECORD_ID);
  expect(left.filter((id) => id.includes("vejle-demo"))).toEqual([]);
  // A new registry with a new passphrase starts empty; the new recruitment has no old draft.
  await createRegistry(host, "en helt ny kode");
  await expect(host.locator("table tbody tr")).toHaveCount(0);
  await host.getByRole("button", { name: "Rekrutter en peer-mentor", exact: true }).click();
  await expect(host.locator("#lf-name")).toHaveValue("");
});

test("evaluation consent: without it nothing is measured or counted; a consent given later allows a measurement; details are corrected with the engine's checks", async ({ page }) => {
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await recruit(host, "peer", { name: "Nina Nej", phone: "40 50 60 70", lsns: [2, 2, 2, 2, 2, 2], noEvaluation: true });
  await expect(host.getByText("Har ikke givet samtykke til evalueringen.")).toBeVisible();
  await expect(host.getByText("Ingen målinger endnu.")).toBeVisible();
  await expect(host.getByRole("button", { name: "Registrer en førmåling" })).toHaveCount(0);

  // Not in the cohort, and not a missing measurement either.
  await nav(host, "Rapporter");
  await expect(host.getByRole("region", { name: /Lubben/ }).getByRole("row", { name: /Mangler førmåling/ })).toContainText("0");
  await expect(host.getByRole("table", { name: "Forløb med manglende data" }).getByRole("row", { name: /Nina Nej/ })).toHaveText(/ikke matchet$/);

  // Consent given later: the before-measurement can be recorded.
  await openParticipant(host, "Nina Nej");
  await host.getByRole("button", { name: "Registrer et samtykke givet senere" }).click();
  await expect(notice(host)).toContainText("Samtykket til evalueringen er registreret for Nina Nej.");
  await host.getByRole("button", { name: "Registrer en førmåling" }).click();
  await completeForm(host, (h) => fillVisible(h, lsns("before_m1", [3, 2, 2, 3, 2, 2], "Sagde ja bagefter")));
  await expect(notice(host)).toContainText("Målingen er gemt for Nina Nej.");
  await expect(host.getByRole("img", { name: /Lubben.*Før: 14\./ })).toBeVisible();
  await expectNoAxe(page, "a consent given later");

  // Correcting the details: a CPR number with a date that does not exist is refused by the engine.
  await host.getByRole("button", { name: "Ret oplysninger" }).click();
  await expect(host.locator("#lf-name")).toHaveValue("Nina Nej");
  await expect(host.locator("#lf-phone")).toHaveValue("40 50 60 70");
  await host.locator("#lf-phone").fill("41 51 61 71");
  await host.locator("#lf-cpr").fill("310299-1234");
  await host.getByRole("button", { name: "Næste", exact: true }).click();
  await expect(host.locator("#lf-error-summary")).toBeVisible();
  await expectNoAxe(page, "correcting details with an error");
  await host.locator("#lf-cpr").fill("010190-1234");
  await completeForm(host, async () => {});
  await expect(notice(host)).toContainText("Oplysningerne er rettet for Nina Nej.");
  await expect(host.locator("dl.facts")).toContainText("41 51 61 71");
  await expect(host.locator("dl.facts")).toContainText("010190-XXXX");
});

test("an evaluator export that cannot reach the collector is kept sealed on the device and sent once it can", async ({ page }) => {
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await nav(host, "Rapporter");
  // The line to the collector: "timeout" (it answers 408, which is "try
  // again later" like no answer at all), "cut" (no connection) or "up".
  let line = "timeout";
  const attempts = []; // when each POST was tried, in ms
  await page.route("**/api/v1/cohorts", (route) => {
    attempts.push(Date.now());
    if (line === "up") return route.continue();
    if (line === "cut") return route.abort("internetdisconnected");
    return route.fulfill({ status: 408, headers: { "access-control-allow-origin": "*" }, body: "" });
  });
  const answers = []; // the statuses the page saw
  page.on("response", (r) => r.url().endsWith("/api/v1/cohorts") && r.request().method() === "POST" && answers.push(r.status()));
  await host.getByRole("button", { name: "Send til indsamleren" }).click();
  await expect(host.getByText("Indsamleren kunne ikke nås lige nu. Tallene er gemt krypteret på enheden")).toBeVisible();
  await expect(host.getByText("Et udtræk venter på at blive sendt til indsamleren.")).toBeVisible();
  await expectNoAxe(page, "an export waiting");
  const OUTBOX = "programme-outbox:vejle-demo";
  expect(await draftIds(page)).toContain(OUTBOX);
  const record = JSON.stringify(await rawDraft(page, OUTBOX));
  expect(record).not.toContain("Vejle Kommune");
  expect(record).not.toContain("lsns6");

  // Tried again by the outbox's backoff: the first wait is 5 s ± 50 %
  // (counted from when the export was kept, a moment after the attempt).
  await expect.poll(() => attempts.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  const firstWait = attempts[1] - attempts[0];
  expect(firstWait, "the first retry comes after the backoff, not at once").toBeGreaterThanOrEqual(2_400);
  expect(firstWait, "the first retry comes after about 5 s, not after a fixed 15 s").toBeLessThan(11_000);
  expect(answers.slice(0, 2), "both attempts got the 408, and it was not taken for a refusal").toEqual([408, 408]);
  await expect(host.getByText("Et udtræk venter på at blive sendt til indsamleren.")).toBeVisible();

  // Locked and unlocked again: still waiting, and tried at once after the
  // unlock; then the line comes back and the backoff sends it.
  line = "cut";
  await host.getByRole("button", { name: "Lås registret" }).click();
  const beforeUnlock = attempts.length;
  await unlock(host, PASSPHRASE);
  await expect(host.getByText("Et udtræk venter på at blive sendt til indsamleren.")).toBeVisible();
  await expect.poll(() => attempts.length, { timeout: 10_000, message: "an attempt after the unlock" }).toBeGreaterThan(beforeUnlock);
  line = "up";
  await expect(notice(host)).toContainText("Tallene, der ventede, er nu sendt til indsamleren.", { timeout: 20_000 });
  await expect(host.getByText("Et udtræk venter på at blive sendt til indsamleren.")).toHaveCount(0);
  expect(await draftIds(page)).not.toContain(OUTBOX);
  const stored = await fetch(`${COLLECTOR}/admin/cohorts.json`, { headers: { authorization: basicAuth(ADMIN_TOKEN) } });
  expect(await stored.text()).toContain("Vejle Kommune");
});

test("a served form without an id the programme reads is refused with the file and the id, never run", async ({ page }) => {
  // A municipality's edited recruitment form: the participant's name is
  // asked as "navn", so the programme would read an empty name.
  const shipped = JSON.parse(fs.readFileSync(new URL("../../forms/recruitment-peer.json", import.meta.url), "utf8"));
  expect(shipped.steps[0].fields[0].id).toBe("name");
  shipped.steps[0].fields[0].id = "navn";
  await page.route("**/forms/recruitment-peer.json", (route) =>
    route.fulfill({ contentType: "application/json", body: JSON.stringify(shipped) }));
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await host.getByRole("button", { name: "Rekrutter en peer", exact: true }).click();
  const alert = host.getByRole("alert");
  await expect(alert).toContainText("Skemaet passer ikke til programmet: et felt, som programmet læser, mangler eller er ændret.");
  await expect(alert.locator("pre")).toHaveText(
    "/forms/recruitment-peer.json: field \"name\" is missing: <lokal-programme> reads it (the participant's name); keep the id when you edit the form");
  // Nothing to type into: no form, no draft.
  await expect(host.locator(".lokal-form")).toHaveCount(0);
  await expect(host.locator("#lf-navn")).toHaveCount(0);
  await expectNoAxe(page, "a form that does not fit the programme");
  // The shipped mentors' form still runs.
  await nav(host, "Deltagere");
  await host.getByRole("button", { name: "Rekrutter en peer-mentor", exact: true }).click();
  await expect(host.locator("#lf-name")).toBeVisible();
});

// <lokal-programme> keeps what its recruitment forms ask (issue 13): the
// answers on the participant's page and, for matching, on the waiting
// cards side by side; the worker's note on readiness, never on a form;
// "how they heard" counted in the evaluator export with small counts as
// <5; and withdrawing the data consent deletes the person's data after a
// confirmation that says what is deleted and what is not (refused while
// their relationship is under way). axe-core runs on each new screen.
import { test, expect } from "@playwright/test";
import {
  PROGRAMME_PAGE, HOST, expectNoAxe, createRegistry, nav, notice, openParticipant, recruit,
  download, openBackupFile,
} from "./lib/programme.mjs";

const PASSPHRASE = "kaffe i caféen 2026";

const IDA = {
  name: "Ida Ensom", lsns: [1, 1, 0, 2, 1, 1], hopes: ["Sove bedre"],
  answers: {
    heard_from: ["cafe_activity", "participant"], motivation: "Jeg vil gerne ud blandt andre",
    interests: ["walks"], days: ["mon", "thu"], times: ["afternoon"], availability_note: "Praktik om fredagen",
    fits_meetings: "well",
  },
};
const OLE = {
  name: "Ole Mentorsen", lsns: [3, 3, 2, 4, 3, 3],
  answers: {
    heard_from: ["press"], experience: "Jeg har selv været indlagt", hours: "3", days: ["mon"],
    fits_meetings: "well", fits_training: "well", fits_supervision: "mostly",
  },
};
const BO = { name: "Bo Bænk", lsns: [2, 1, 1, 1, 2, 1], answers: { heard_from: ["participant"] } };

test.describe.configure({ timeout: 600_000 });

test("recruitment answers on the participant's page and in matching; readiness note; how they heard in the export; withdrawing the data consent deletes after a confirmation", async ({ page }) => {
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(PROGRAMME_PAGE);
  const host = page.locator(HOST);
  await createRegistry(host, PASSPHRASE);
  await recruit(host, "peer", IDA);
  await recruit(host, "mentor", OLE);
  await recruit(host, "peer", BO);

  // Ida's page: every answer, in the form's words.
  await openParticipant(host, "Ida Ensom");
  const answers = host.getByRole("region", { name: "Fra rekrutteringssamtalen" });
  const fact = (label) => answers.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
  await expect(fact("Har hørt om projektet")).toHaveText("Et psykiatri-café- eller aktivitetstilbud, En deltager i projektet fortalte mig om det");
  await expect(fact("Motivation")).toHaveText("Jeg vil gerne ud blandt andre");
  await expect(fact("Ønsker til forløbet")).toHaveText("Sove bedre");
  await expect(fact("Vil gerne lave")).toHaveText("Gå ture eller være i naturen");
  await expect(fact("Dage")).toHaveText("Mandag, Torsdag");
  await expect(fact("Tidspunkt")).toHaveText("Eftermiddag");
  await expect(fact("Om tiden")).toHaveText("Praktik om fredagen");
  await expect(fact("Hvordan passer det til din hverdag")).toHaveText("Det passer godt");
  await expect(fact("Beslutning")).toHaveText("Ja");
  await expect(fact("Samtykke til at gemme oplysningerne")).toHaveText("Givet (version 2026-2)");
  await expect(fact("Skema")).toHaveText("recruitment-peer, version 1");

  // The readiness note: for staff, kept, never in a form.
  await host.getByLabel("Note om parathed (kun for medarbejdere)").fill("Klar til et forløb nu");
  await host.getByRole("button", { name: "Gem noten" }).click();
  await expect(notice(host)).toContainText("Noten er gemt for Ida Ensom");
  await expect(host.locator("#lp-readiness")).toHaveValue("Klar til et forløb nu");
  await expectNoAxe(page, "a participant with recruitment answers and a readiness note");

  // Ole: the mentor's own answers, group supervision "i seks måneder".
  await openParticipant(host, "Ole Mentorsen");
  await expect(fact("Egne erfaringer")).toHaveText("Jeg har selv været indlagt");
  await expect(fact("Timer om ugen")).toHaveText("3");
  await expect(fact("gruppesparring en gang om måneden i seks måneder")).toHaveText("Det passer for det meste");

  // Matching: hopes, interests and availability side by side.
  await nav(host, "Match og par");
  const peers = host.getByRole("region", { name: "Peers, der venter" });
  const mentors = host.getByRole("region", { name: "Peer-mentorer, der venter" });
  const ida = peers.locator("li.card", { hasText: "Ida Ensom" });
  await expect(ida).toContainText("Sove bedre");
  await expect(ida).toContainText("Gå ture eller være i naturen");
  await expect(ida).toContainText("Mandag, Torsdag");
  await expect(ida).toContainText("Praktik om fredagen");
  await expect(ida).not.toContainText("Jeg vil gerne ud blandt andre"); // motivation: on the page only
  await expect(ida).not.toContainText("Klar til et forløb nu"); // the note: on the page only
  await expect(mentors.locator("li.card", { hasText: "Ole Mentorsen" })).toContainText("Timer om ugen");
  await expectNoAxe(page, "matching with the recruitment answers");

  // The export: how they heard, each count below 5 as <5.
  await nav(host, "Rapporter");
  // The JSON sits in a closed details element: read its text, not what is shown.
  const exported = JSON.parse(await host.locator("#lp-export-payload").textContent());
  expect(exported.heard_from).toEqual([
    { channel: "cafe_activity", count: { label: "<5", value: null } },
    { channel: "participant", count: { label: "<5", value: null } },
    { channel: "press", count: { label: "<5", value: null } },
  ]);

  // Ida and Ole in a pair: deleting is refused while it is under way.
  await nav(host, "Match og par");
  await host.locator("#lp-pair-peer").selectOption({ label: "Ida Ensom" });
  await host.locator("#lp-pair-mentor").selectOption({ label: "Ole Mentorsen" });
  await host.locator("#lp-pair-date").fill("01.03.2026");
  await host.getByRole("button", { name: "Dan parret" }).click();
  await openParticipant(host, "Ida Ensom");
  await host.getByRole("button", { name: "Træk samtykket til at gemme oplysningerne tilbage" }).click();
  await host.getByRole("button", { name: "Ja, slet oplysningerne" }).click();
  await expect(host.getByText("Ida Ensom er stadig med i et forløb. Hold exitsamtalen først.")).toBeVisible();
  await expect(host.getByRole("heading", { name: "Ida Ensom", level: 2 })).toBeVisible();

  // Bo withdraws: the confirmation says what is deleted and what is not; "Nej" keeps everything.
  await openParticipant(host, "Bo Bænk");
  const withdraw = host.getByRole("button", { name: "Træk samtykket til at gemme oplysningerne tilbage" });
  await withdraw.click();
  const confirm = host.getByRole("alert").filter({ hasText: "Vil du slette oplysningerne om Bo Bænk?" });
  await expect(confirm).toContainText("Det kan ikke fortrydes.");
  await expect(confirm).toContainText("Navn, kontaktoplysninger, CPR-nummer, svar fra rekrutteringen, ønsker, noter, historik og målinger bliver slettet.");
  await expect(confirm).toContainText("Optællinger uden navn, som allerede er sendt, kan ikke hentes tilbage.");
  await expect(confirm).toContainText("Sikkerhedskopier, som er taget før, indeholder stadig oplysningerne.");
  await expect(host.getByRole("button", { name: "Ja, slet oplysningerne" })).toBeFocused();
  await expectNoAxe(page, "the deletion's confirmation");
  await host.getByRole("button", { name: "Nej", exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await withdraw.click();
  await host.getByRole("button", { name: "Ja, slet oplysningerne" }).click();
  await expect(notice(host)).toContainText("Oplysningerne om Bo Bænk er slettet.");
  const rows = host.locator("table tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(host.locator("table")).not.toContainText("Bo Bænk");

  // Nothing of Bo is left in a backup made now, and the export counts one fewer.
  await nav(host, "Sikkerhedskopi");
  const BACKUP_PASS = "usb-stikket i skabet";
  await host.locator("#lp-backup-pass").fill(BACKUP_PASS);
  await host.locator("#lp-backup-again").fill(BACKUP_PASS);
  const file = await download(page, () => host.getByRole("button", { name: "Hent sikkerhedskopien" }).click());
  const registry = JSON.parse(await openBackupFile(file.path, BACKUP_PASS));
  expect(registry.participants.map((p) => p.name)).toEqual(["Ida Ensom", "Ole Mentorsen"]);
  expect(JSON.stringify(registry)).not.toContain("Bo Bænk");
  expect(registry.participants[0].readiness_note).toBe("Klar til et forløb nu");
  expect(registry.participants[0].recruitment.heard_from.map((h) => h.value)).toEqual(["cafe_activity", "participant"]);
  expect(errors).toEqual([]);
});

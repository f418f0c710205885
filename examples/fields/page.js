// The partner's own script: instead of posting, show what the form would
// submit (FormData), as the gallery does.
const form = document.getElementById("intake");
const out = document.getElementById("submitted");
form.addEventListener("submit", (event) => {
  event.preventDefault();
  out.textContent = [...new FormData(form)].map(([k, v]) => `${k} = ${v}`).join("\n") || "(intet)";
});
form.addEventListener("reset", () => {
  out.textContent = "(intet endnu)";
});
// The instrument says its score (never the answers) with lokal-scored.
const score = document.getElementById("lsns-score");
document.getElementById("lsns").addEventListener("lokal-scored", (event) => {
  const total = event.detail.total;
  score.textContent =
    total === null ? "Scoren vises, når alle seks spørgsmål er besvaret." : `Score: ${total} af 30.`;
});

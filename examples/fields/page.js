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

//! The widgets' own words, in Danish and English (DKFDS style: plain,
//! friendly, specific). Texts of questions come from the form definition.

use lokalform_forms::schema::Lang;

/// Every fixed text of the feedback box.
// Each field is one text; its documentation is the text itself, in the
// Danish and English tables below (a field missing from either does not
// compile).
#[allow(missing_docs)]
pub struct Words {
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub load_failed_help: &'static str,
    pub optional: &'static str,
    pub error_prefix: &'static str,
    pub error_summary: &'static str,
    pub choose_one: &'static str,
    pub too_long: fn(usize) -> String,
    pub chars_left: fn(usize) -> String,
    pub next: &'static str,
    pub review_heading: &'static str,
    pub review_intro_web: &'static str,
    pub review_intro_kiosk: &'static str,
    pub not_answered: &'static str,
    pub your_comment: &'static str,
    pub comment_changed: &'static str,
    pub exact_data: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    pub change: &'static str,
    pub thanks_heading: &'static str,
    pub queued: &'static str,
    pub kept_on_device: &'static str,
    pub send_failed: &'static str,
    pub rejected: &'static str,
    pub try_again: &'static str,
    pub new_feedback: &'static str,
    pub restarting: &'static str,
    pub draft_restored: &'static str,
    pub start_over: &'static str,
}

const DA: Words = Words {
    loading: "Henter spørgsmålene …",
    load_failed: "Spørgeskemaet kan ikke vises lige nu.",
    load_failed_help: "Prøv igen senere. Hvis fejlen bliver ved, så kontakt kommunen.",
    optional: "(valgfrit)",
    error_prefix: "Fejl: ",
    error_summary: "Der er et problem",
    choose_one: "Vælg et svar",
    too_long: |n| format!("Din kommentar er for lang. Gør den kortere, så den højst fylder {n} tegn"),
    chars_left: |n| format!("Du kan skrive {n} tegn mere"),
    next: "Fortsæt",
    review_heading: "Tjek, hvad der bliver sendt",
    review_intro_web: "Det her er alt, vi modtager. Vi får ikke dit navn, din IP-adresse eller tidspunktet.",
    review_intro_kiosk: "Dine svar gemmes krypteret på denne skærm og sendes først, når mindst 5 personer har svaret. Vi får ikke dit navn eller tidspunktet.",
    not_answered: "Ikke besvaret",
    your_comment: "Din kommentar, som den bliver sendt",
    comment_changed: "Vi har fjernet tal og adresser, som kunne pege på dig.",
    exact_data: "Se de præcise data",
    send: "Send",
    sending: "Sender …",
    change: "Ret dine svar",
    thanks_heading: "Tak for din feedback",
    queued: "Vi kunne ikke få forbindelse lige nu. Dine svar er gemt krypteret på enheden og bliver sendt automatisk, når der er forbindelse igen.",
    kept_on_device: "Dine svar er gemt krypteret på denne skærm.",
    send_failed: "Vi kunne ikke sende dine svar, og de kunne heller ikke gemmes på enheden. Dine svar er ikke gået tabt. Prøv at sende igen.",
    rejected: "Dine svar kunne ikke modtages, fordi spørgeskemaet er blevet ændret. Genindlæs siden, og prøv igen.",
    try_again: "Prøv at sende igen",
    new_feedback: "Giv ny feedback",
    restarting: "Skærmen starter forfra om lidt.",
    draft_restored: "Vi har hentet de svar, du var i gang med.",
    start_over: "Start forfra",
};

const EN: Words = Words {
    loading: "Loading the questions …",
    load_failed: "The questionnaire cannot be shown right now.",
    load_failed_help: "Please try again later. If the problem continues, contact the municipality.",
    optional: "(optional)",
    error_prefix: "Error: ",
    error_summary: "There is a problem",
    choose_one: "Choose an answer",
    too_long: |n| format!("Your comment is too long. Please shorten it to at most {n} characters"),
    chars_left: |n| format!("You can write {n} more characters"),
    next: "Continue",
    review_heading: "Check what will be sent",
    review_intro_web: "This is everything we receive. We do not get your name, your IP address or the time.",
    review_intro_kiosk: "Your answers are stored encrypted on this screen and sent only when at least 5 people have answered. We do not get your name or the time.",
    not_answered: "Not answered",
    your_comment: "Your comment, as it will be sent",
    comment_changed: "We removed numbers and addresses that could identify you.",
    exact_data: "See the exact data",
    send: "Send",
    sending: "Sending …",
    change: "Change your answers",
    thanks_heading: "Thank you for your feedback",
    queued: "We could not connect just now. Your answers are stored encrypted on the device and will be sent automatically when the connection is back.",
    kept_on_device: "Your answers are stored encrypted on this screen.",
    send_failed: "We could not send your answers, and they could not be stored on the device either. Nothing is lost. Please try again.",
    rejected: "Your answers could not be received because the questionnaire has changed. Please reload the page and try again.",
    try_again: "Try sending again",
    new_feedback: "Give new feedback",
    restarting: "The screen will start over in a moment.",
    draft_restored: "We have brought back the answers you were working on.",
    start_over: "Start over",
};

/// The words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

//! The kiosk's own words, in Danish and English (DKFDS style: plain,
//! friendly, calm). A table of its own, beside the feedback box's
//! ([`crate::common::words`]), so the web bundle does not carry them.

use lokalform_forms::schema::Lang;

/// Every fixed text of the kiosk's screens.
// Each field is one text; its documentation is the text itself, in the
// tables below (a field missing from either does not compile).
#[allow(missing_docs)]
pub struct KioskWords {
    pub progress: fn(usize, usize) -> String,
    pub back: &'static str,
    pub next: &'static str,
    pub still_here: &'static str,
    pub still_here_help: &'static str,
    pub seconds_left: fn(u32) -> String,
    pub carry_on: &'static str,
    /// The staff view's texts.
    pub staff: StaffWords,
}

/// Every fixed text of the staff view (never shown to citizens).
#[allow(missing_docs)]
pub struct StaffWords {
    pub title: &'static str,
    pub choose_pin: &'static str,
    pub pin: &'static str,
    pub pin_again: &'static str,
    pub open: &'static str,
    pub save_pin: &'static str,
    pub busy: &'static str,
    pub pin_empty: &'static str,
    pub pin_wrong: &'static str,
    pub pin_wait: fn(u32) -> String,
    pub pin_digits: &'static str,
    pub pin_mismatch: &'static str,
    pub storage_failed: &'static str,
    pub waiting: &'static str,
    pub last_sent: &'static str,
    pub never: &'static str,
    pub network: &'static str,
    pub online: &'static str,
    pub offline: &'static str,
    pub works_offline: &'static str,
    pub offline_ready: &'static str,
    pub offline_preparing: &'static str,
    pub offline_unsupported: &'static str,
    pub offline_absent: &'static str,
    pub update: &'static str,
    pub update_waiting: &'static str,
    pub update_none: &'static str,
    pub storage: &'static str,
    pub persisted: &'static str,
    pub not_persisted: &'static str,
    pub storage_unsupported: &'static str,
    pub storage_unknown: &'static str,
    pub collector: &'static str,
    pub this_site: &'static str,
    pub version: &'static str,
    pub enrollment: &'static str,
    pub not_enrolled: &'static str,
    pub last_refusal: &'static str,
    pub refused_not_enrolled: &'static str,
    pub refused_revoked: &'static str,
    pub refused_ceiling: &'static str,
    pub refused_other: &'static str,
    pub code: &'static str,
    pub code_help: &'static str,
    pub enroll: &'static str,
    pub code_empty: &'static str,
    pub code_unknown: &'static str,
    pub unreachable: &'static str,
    pub enroll_failed: fn(u16) -> String,
    pub send_now: &'static str,
    pub send_now_help: fn(u32) -> String,
    pub forget: &'static str,
    pub forget_confirm: &'static str,
    pub forget_yes: &'static str,
    pub forget_no: &'static str,
}

const DA: KioskWords = KioskWords {
    progress: |i, n| format!("Spørgsmål {i} af {n}"),
    back: "Tilbage",
    next: "Næste",
    still_here: "Er du her stadig?",
    still_here_help: "Hvis ingen trykker, starter skærmen forfra, og dine svar bliver slettet. Så kan den næste ikke se dem.",
    seconds_left: |n| {
        if n == 1 {
            "1 sekund tilbage".to_string()
        } else {
            format!("{n} sekunder tilbage")
        }
    },
    carry_on: "Ja, jeg vil gerne fortsætte",
    staff: StaffWords {
        title: "Til personalet",
        choose_pin: "Vælg en PIN-kode på 4 til 8 cifre. Den skal bruges, hver gang visningen åbnes.",
        pin: "PIN-kode",
        pin_again: "Skriv PIN-koden igen",
        open: "Åbn",
        save_pin: "Gem PIN-kode",
        busy: "Et øjeblik …",
        pin_empty: "Skriv PIN-koden.",
        pin_wrong: "Forkert PIN-kode. Prøv igen.",
        pin_wait: |n| format!("Forkert PIN-kode for mange gange. Vent {n} sekunder, før du prøver igen."),
        pin_digits: "Skriv en PIN-kode på 4 til 8 cifre.",
        pin_mismatch: "De to PIN-koder er ikke ens. Skriv den samme begge steder.",
        storage_failed: "Tabletten kan ikke gemme lige nu. Genindlæs siden, og prøv igen.",
        waiting: "Svar, der venter",
        last_sent: "Sidst sendt",
        never: "Endnu ikke",
        network: "Net",
        online: "Forbundet",
        offline: "Ikke forbundet",
        works_offline: "Uden net",
        offline_ready: "Virker",
        offline_preparing: "Gøres klar",
        offline_unsupported: "Virker ikke: browseren kan ikke starte siden uden net",
        offline_absent: "Virker ikke: siden er ikke sat op til det",
        update: "Ny version",
        update_waiting: "Hentet. Den tages i brug, når ingen er i gang",
        update_none: "Ingen venter",
        storage: "Lagring",
        persisted: "Sikret",
        not_persisted: "Ikke sikret: browseren kan slette svar, der ikke er sendt, hvis tabletten mangler plads. Installér siden som app: så giver browseren som regel lov",
        storage_unsupported: "Kan ikke sikres: browseren kan slette svar, der ikke er sendt, hvis tabletten mangler plads",
        storage_unknown: "Ukendt",
        collector: "Indsamling",
        this_site: "Denne side",
        version: "Version",
        enrollment: "Tilmelding",
        not_enrolled: "Ikke tilmeldt",
        last_refusal: "Seneste afvisning",
        refused_not_enrolled: "Indsamlingen kender ikke tabletten. Tilmeld den med en kode fra dashboardet. Svarene venter så længe.",
        refused_revoked: "Tabletten er afmeldt i dashboardet. Bed om en ny kode.",
        refused_ceiling: "Tabletten har sendt så mange svar i dag, som indsamlingen tager imod. Resten sendes i morgen.",
        refused_other: "Indsamlingen afviste en pakke svar. Kontakt den, der driver indsamlingen.",
        code: "Tilmeldingskode",
        code_help: "Koden fra indsamlingens dashboard, fx ABCD-EFGH-JKMN.",
        enroll: "Tilmeld tablet",
        code_empty: "Skriv koden fra dashboardet.",
        code_unknown: "Koden kendes ikke, er brugt eller er udløbet. Bed om en ny kode i dashboardet.",
        unreachable: "Tabletten kan ikke nå indsamlingen. Prøv igen, når der er net.",
        enroll_failed: |n| format!("Tilmeldingen lykkedes ikke (fejl {n}). Prøv igen senere."),
        send_now: "Send nu",
        send_now_help: |k| format!("Kan bruges, når mindst {k} svar venter."),
        forget: "Afmeld tablet",
        forget_confirm: "Vil du afmelde tabletten? Svar, der venter, bliver på tabletten og sendes, når den er tilmeldt igen.",
        forget_yes: "Ja, afmeld",
        forget_no: "Nej",
    },
};

const EN: KioskWords = KioskWords {
    progress: |i, n| format!("Question {i} of {n}"),
    back: "Back",
    next: "Next",
    still_here: "Are you still there?",
    still_here_help: "If nobody taps, the screen starts over and your answers are deleted, so the next person cannot see them.",
    seconds_left: |n| {
        if n == 1 {
            "1 second left".to_string()
        } else {
            format!("{n} seconds left")
        }
    },
    carry_on: "Yes, I want to continue",
    staff: StaffWords {
        title: "For staff",
        choose_pin: "Choose a PIN of 4 to 8 digits. It is needed every time this view is opened.",
        pin: "PIN",
        pin_again: "Type the PIN again",
        open: "Open",
        save_pin: "Save PIN",
        busy: "One moment …",
        pin_empty: "Enter the PIN.",
        pin_wrong: "Wrong PIN. Try again.",
        pin_wait: |n| format!("Wrong PIN too many times. Wait {n} seconds before you try again."),
        pin_digits: "Enter a PIN of 4 to 8 digits.",
        pin_mismatch: "The two PINs differ. Type the same one in both boxes.",
        storage_failed: "The tablet cannot store anything right now. Reload the page and try again.",
        waiting: "Responses waiting",
        last_sent: "Last sent",
        never: "Not yet",
        network: "Network",
        online: "Connected",
        offline: "Not connected",
        works_offline: "Without network",
        offline_ready: "Works",
        offline_preparing: "Being made ready",
        offline_unsupported: "Does not work: this browser cannot start the page without network",
        offline_absent: "Does not work: the page is not set up for it",
        update: "New version",
        update_waiting: "Downloaded. It is used when nobody is busy",
        update_none: "None waiting",
        storage: "Storage",
        persisted: "Kept",
        not_persisted: "Not kept: the browser may delete unsent responses if the tablet runs short of space. Install the page as an app: browsers usually agree then",
        storage_unsupported: "Cannot be kept: the browser may delete unsent responses if the tablet runs short of space",
        storage_unknown: "Unknown",
        collector: "Collector",
        this_site: "This site",
        version: "Version",
        enrollment: "Enrollment",
        not_enrolled: "Not enrolled",
        last_refusal: "Last refusal",
        refused_not_enrolled: "The collector does not know this tablet. Enrol it with a code from the dashboard. The responses wait until then.",
        refused_revoked: "The tablet was unenrolled in the dashboard. Ask for a new code.",
        refused_ceiling: "The tablet has sent as many responses today as the collector takes. The rest are sent tomorrow.",
        refused_other: "The collector refused a batch of responses. Contact whoever runs the collector.",
        code: "Enrollment code",
        code_help: "The code from the collector's dashboard, e.g. ABCD-EFGH-JKMN.",
        enroll: "Enrol tablet",
        code_empty: "Enter the code from the dashboard.",
        code_unknown: "The code is unknown, used or expired. Ask for a new code in the dashboard.",
        unreachable: "The tablet cannot reach the collector. Try again when there is a network.",
        enroll_failed: |n| format!("The enrollment did not succeed (error {n}). Try again later."),
        send_now: "Send now",
        send_now_help: |k| format!("Can be used when at least {k} responses wait."),
        forget: "Unenrol tablet",
        forget_confirm: "Do you want to unenrol the tablet? Responses waiting stay on the tablet and are sent once it is enrolled again.",
        forget_yes: "Yes, unenrol",
        forget_no: "No",
    },
};

/// The kiosk's words in `lang`.
///
/// ```
/// use lokalform_components::feedback::kiosk::words::kiosk_words;
/// use lokalform_forms::schema::Lang;
/// assert_eq!((kiosk_words(Lang::Da).progress)(2, 6), "Spørgsmål 2 af 6");
/// assert_eq!((kiosk_words(Lang::Da).seconds_left)(1), "1 sekund tilbage");
/// assert_eq!((kiosk_words(Lang::En).seconds_left)(12), "12 seconds left");
/// ```
pub fn kiosk_words(lang: Lang) -> &'static KioskWords {
    match lang {
        Lang::Da => &DA,
        Lang::En => &EN,
    }
}

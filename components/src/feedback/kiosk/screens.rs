//! The kiosk's screens: one question each, then the review, the
//! thank-you page, and "Er du her stadig?" before the idle reset.

use super::words::kiosk_words;
use super::{Config, Screen};
use crate::common::element::emit;
use crate::common::focus::focus_selector;
use crate::common::html::{action_of, fixed_div, set_markup};
use crate::common::idle::Idle;
use crate::common::send::{self, Mode};
use crate::common::words::words;
use crate::feedback::answers::{choose, control_id, problems};
use crate::feedback::questions::{self, input_of, question_html, Input, Shown};
use crate::feedback::review::{done_html, review_html};
use crate::feedback::{send_problem, tally_of, Outcome};
use leptos::ev;
use leptos::prelude::*;
use lokalform_forms::aggregate::Tally;
use lokalform_forms::schema::{Form, Lang};
use std::sync::Arc;
use wasm_bindgen::{JsCast, JsValue};

/// The person's answers so far, as signals.
#[derive(Clone, Copy)]
pub struct Answers {
    /// Chosen option value per question id.
    pub choices: RwSignal<Vec<(String, String)>>,
    /// The comment as typed.
    pub comment: RwSignal<String>,
    /// Errors are shown once the citizen has tried to continue.
    pub show_errors: RwSignal<bool>,
}

impl Answers {
    /// Empty answers.
    pub fn new() -> Answers {
        Answers {
            choices: RwSignal::new(Vec::new()),
            comment: RwSignal::new(String::new()),
            show_errors: RwSignal::new(false),
        }
    }

    /// Forgets everything (a new citizen, or "start over").
    pub fn clear(&self) {
        self.choices.set(Vec::new());
        self.comment.set(String::new());
        self.show_errors.set(false);
    }

    /// Whether nothing has been answered.
    pub fn is_pristine(&self) -> bool {
        self.choices.with_untracked(Vec::is_empty) && self.comment.with_untracked(|c| c.is_empty())
    }
}

/// One person's state: made new for every person, dropped with the
/// generation (see [`super::KioskBox`]).
#[derive(Clone, Copy)]
pub struct State {
    pub answers: Answers,
    pub screen: RwSignal<Screen>,
    prepared: RwSignal<Option<Tally>>,
    send_error: RwSignal<Option<&'static str>>,
}

impl State {
    pub fn new() -> State {
        State {
            answers: Answers::new(),
            screen: RwSignal::new(Screen::Question(0)),
            prepared: RwSignal::new(None),
            send_error: RwSignal::new(None),
        }
    }
}

/// Moves focus to `selector` once the DOM has caught up.
fn focus_later(root: NodeRef<leptos::html::Div>, selector: String) {
    request_animation_frame(move || {
        focus_selector(root, &selector);
    });
}

/// What takes focus when `screen` opens: its "Spørgsmål i af n", or the
/// step's heading.
fn focus_target(screen: Screen) -> String {
    match screen {
        Screen::Question(i) => format!("#kiosk-step-{i}"),
        Screen::Staff => "#kiosk-staff-title".to_string(),
        _ => ".step-heading".to_string(),
    }
}

/// The kiosk with a usable definition.
pub fn kiosk(
    form: Arc<Form>,
    state: State,
    idle: Idle,
    lang: Lang,
    config: Config,
) -> impl IntoView {
    let words = words(lang);
    let kw = kiosk_words(lang);
    let State {
        answers,
        screen,
        prepared,
        send_error,
    } = state;
    let root = NodeRef::<leptos::html::Div>::new();
    let count = form.fields.len();
    let errors = {
        let form = form.clone();
        Memo::new(move |_| {
            answers.choices.with(|c| {
                answers
                    .comment
                    .with(|comment| problems(&form, c, comment, lang, words))
            })
        })
    };
    // The questions are markup (see `crate::feedback::questions`): what
    // the person does is recorded from their events, and the markup shows
    // the answers and, after a "Næste" that could not go on, the problem.
    let on_input = move |ev: &web_sys::Event| match input_of(ev) {
        Some(Input::Choice { question, value }) => {
            answers.choices.update(|c| choose(c, &question, &value));
        }
        Some(Input::Comment(text)) => answers.comment.set(text),
        None => {}
    };
    {
        let form = form.clone();
        Effect::new(move |_| {
            let shown_errors = answers.show_errors.get();
            let Some(root) = root.get() else {
                return;
            };
            answers.choices.with(|choices| {
                answers.comment.with(|comment| {
                    errors.with(|all| {
                        let none = Vec::new();
                        let shown = Shown {
                            choices,
                            comment,
                            problems: if shown_errors { all } else { &none },
                        };
                        questions::show(&root, &form, &shown, lang, words);
                    })
                })
            });
        });
    }

    // The page loaded, or the box started over by itself: a start screen
    // with nobody at it, when a page may reload to take a new version
    // (`lokal-start-screen`, composed, no detail). A person pressing
    // "Start forfra" is no such moment.
    // Said once the box is in the page (an effect runs after it is
    // mounted, and again when the root appears): a frame's timer could
    // come before the root exists and say nothing, leaving a waiting new
    // version waiting for good.
    if config.announce.get_value() {
        config.announce.set_value(false);
        Effect::new(move |said: Option<bool>| {
            if said == Some(true) {
                return true;
            }
            let Some(div) = root.get() else {
                return false;
            };
            emit(
                &div,
                crate::common::element::Event::StartScreen,
                &JsValue::UNDEFINED,
            );
            true
        });
    }

    // A new person after someone else: focus on the form's heading (a
    // screen reader starts there), not lost with the last screen.
    if config.focus_start.get_value() {
        config.focus_start.set_value(false);
        focus_later(root, "#lokal-title".to_string());
    }

    let show = move |to: Screen| {
        screen.set(to);
        focus_later(root, focus_target(to));
    };
    let next = {
        let form = form.clone();
        move |i: usize| {
            let id = &form.fields[i].id;
            if errors.with_untracked(|all| all.iter().any(|e| &e.field == id)) {
                answers.show_errors.set(true);
                focus_later(root, format!("#{}", control_id(&form, id)));
                return;
            }
            answers.show_errors.set(false);
            if i + 1 < count {
                show(Screen::Question(i + 1));
            } else {
                let tally = answers
                    .choices
                    .with_untracked(|c| answers.comment.with_untracked(|t| tally_of(&form, c, t)));
                prepared.set(Some(tally));
                send_error.set(None);
                show(Screen::Review);
            }
        }
    };

    let send = move || {
        let Some(tally) = prepared.get_untracked() else {
            return;
        };
        screen.set(Screen::Sending);
        let (collector, k) = (
            config.collector.get_untracked(),
            config.batch_size.get_untracked(),
        );
        crate::common::task::spawn(async move {
            let outcome = send::submit_kiosk(&collector, k, tally).await;
            if let Some(cb) = config.on_submitted {
                cb.try_run(outcome);
            }
            if screen.is_disposed() {
                return; // started over meanwhile
            }
            let to = match outcome {
                Outcome::Failed | Outcome::Rejected => {
                    send_error.set(Some(send_problem(outcome, words)));
                    Screen::Review
                }
                _ => {
                    // Nothing of the answers stays while the thank-you
                    // page shows.
                    answers.clear();
                    prepared.set(None);
                    Screen::Done(outcome)
                }
            };
            show(to);
        });
    };

    // "Er du her stadig?": before the idle reset, not on the thank-you
    // page (which starts over anyway). When it goes (any input), focus
    // returns to the screen.
    let warned = Memo::new(move |_| idle.warning.get() && !matches!(screen.get(), Screen::Done(_)));
    Effect::new(move |before: Option<bool>| {
        let now = warned.get();
        if now {
            focus_later(root, ".kiosk-still-here .title".to_string());
        } else if before == Some(true) {
            focus_later(root, focus_target(screen.get_untracked()));
        }
        now
    });

    // The staff view's door: the untouched start screen's heading held for
    // a few seconds, or the shortcut. Nothing on screen points to it.
    let at_start = move || screen.get_untracked() == Screen::Question(0) && answers.is_pristine();
    // The staff view moves focus itself, to the PIN box once it is drawn.
    let open_staff = move || {
        if at_start() {
            screen.set(Screen::Staff);
        }
    };
    let hold = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let let_go = move |_| {
        if let Some(handle) = hold.get_value() {
            handle.clear();
        }
    };
    let press = move |_| {
        if at_start() {
            hold.set_value(
                set_timeout_with_handle(
                    open_staff,
                    std::time::Duration::from_secs(super::staff::HOLD_SECONDS),
                )
                .ok(),
            );
        }
    };
    let shortcut = window_event_listener(ev::keydown, move |ev| {
        if super::staff::is_shortcut(&ev) && at_start() {
            ev.prevent_default();
            open_staff();
        }
    });
    on_cleanup(move || shortcut.remove());

    let mut intro = String::new();
    if let Some(text) = &form.intro {
        crate::common::html::element(&mut intro, "p", "intro", text.get(lang));
    }
    let mut intro = Some(fixed_div(intro));
    let screens = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let (on_submit, on_tap) = (next.clone(), next.clone());
            // A tap on an answer moves on, also on the answer already
            // chosen (back to check it, then on); the arrow keys of a radio
            // group must not (they choose as they move). The click comes
            // before the `change` that records the answer: move on in the
            // next task.
            let by_pointer = StoredValue::new(false);
            let tapped = move |ev: ev::MouseEvent| {
                let radio = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some_and(|input| input.type_() == "radio");
                if radio && by_pointer.get_value() {
                    let on_tap = on_tap.clone();
                    set_timeout(
                        move || {
                            if by_pointer.try_get_value().is_some() {
                                on_tap(i);
                            }
                        },
                        std::time::Duration::ZERO,
                    );
                }
            };
            let last = i + 1 == count;
            view! {
                <form class="kiosk-screen" novalidate
                    hidden=move || warned.get() || screen.get() != Screen::Question(i)
                    on:submit=move |ev: ev::SubmitEvent| { ev.prevent_default(); on_submit(i); }
                    on:pointerdown=move |_| by_pointer.set_value(true)
                    on:keydown=move |_| by_pointer.set_value(false)
                    on:click=tapped>
                    <p class="kiosk-progress" id=format!("kiosk-step-{i}") tabindex="-1">{(kw.progress)(i + 1, count)}</p>
                    {intro.take()}
                    {fixed_div({
                        let mut html = String::new();
                        question_html(&mut html, field, lang, words, form.marks_required());
                        html
                    })}
                    <div class="kiosk-nav">
                        {(i > 0).then(|| view! {
                            <button type="button" class="button button-secondary" on:click=move |_| show(Screen::Question(i - 1))>
                                {kw.back}
                            </button>
                        })}
                        <button type="submit" class="button">{if last { words.next } else { kw.next }}</button>
                    </div>
                </form>
            }
        })
        .collect_view();

    let title = form.title.get(lang).to_string();
    let thanks = form.thanks.as_ref().map(|t| t.get(lang).to_string());
    // Text selection menus and the context menu lead nowhere on a kiosk;
    // the comment box keeps its own (to correct what was typed).
    let no_menu = |ev: ev::MouseEvent| {
        let in_comment = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            .is_some();
        if !in_comment {
            ev.prevent_default();
        }
    };
    view! {
        <div class="lokal-feedback kiosk" lang=lang.code() on:contextmenu=no_menu>
            <div class="box" node_ref=root
                on:change=move |ev| on_input(&ev) on:input=move |ev| on_input(&ev)>
                // Held, the heading must not take focus (a finger lifted
                // after the staff view opened sends a mousedown to it).
                <h2 class="title" id="lokal-title" tabindex="-1"
                    on:mousedown=|ev: ev::MouseEvent| ev.prevent_default()
                    on:pointerdown=press on:pointerup=let_go on:pointercancel=let_go on:pointerleave=let_go>{title}</h2>
                <div class="kiosk-still-here" role="group" aria-labelledby="kiosk-still-here-title" hidden=move || !warned.get()>
                    <h3 class="title" id="kiosk-still-here-title" tabindex="-1">{kw.still_here}</h3>
                    <p class="kiosk-countdown">{move || (kw.seconds_left)(idle.seconds_left.get())}</p>
                    <p>{kw.still_here_help}</p>
                    <button type="button" class="button" on:click=move |_| idle.touch()>{kw.carry_on}</button>
                </div>
                {screens}
                <div hidden=move || warned.get()>
                    {move || match screen.get() {
                        Screen::Question(_) => ().into_any(),
                        Screen::Staff => super::staff::staff_view(lang, config, root).into_any(),
                        Screen::Review | Screen::Sending => {
                            let html = prepared.get_untracked().map(|tally| review_html(
                                &form, &tally, lang, words, Mode::Kiosk,
                                screen.get() == Screen::Sending, send_error.get_untracked(),
                            )).unwrap_or_default();
                            let act = move |ev: ev::MouseEvent| match action_of(&ev).as_deref() {
                                Some("send") => send(),
                                Some("change") => show(Screen::Question(count.saturating_sub(1))),
                                _ => {}
                            };
                            view! { <div use:set_markup=html on:click=act></div> }.into_any()
                        }
                        Screen::Done(outcome) => {
                            let html = done_html(outcome, thanks.as_deref(), words, Mode::Kiosk);
                            let act = move |ev: ev::MouseEvent| {
                                if action_of(&ev).as_deref() == Some("again") {
                                    config.start_over(false);
                                }
                            };
                            view! { <div use:set_markup=html on:click=act></div> }.into_any()
                        }
                    }}
                </div>
            </div>
        </div>
    }
}

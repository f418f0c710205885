// Benchmark reference (cargo xtask bench browser), not a product example:
// forms/feedback.json as a SurveyJS model (the faces as a smiley rating, the
// choices as radio groups with "Vil helst ikke svare" as the none item, the
// comment with its help), rendered by survey-js-ui into #feedback-survey.
// Loaded with `defer` after survey-core, its Danish strings and
// survey-js-ui, so the DOM is parsed when it runs.
const model = {
  "locale": "da",
  "title": "Hvordan var dit møde med kommunen?",
  "description": "Dine svar er anonyme. Vi gemmer ikke dit navn eller din IP-adresse – kun hvilken uge svarene blev sendt. Du kan springe spørgsmål over. Det tager cirka et minut.",
  "requiredMark": "(skal besvares)",
  "showQuestionNumbers": "off",
  "completeText": "Fortsæt",
  "completedHtml": "<p>Tak for din feedback. Den hjælper os med at blive bedre.</p>",
  "elements": [
    {
      "type": "rating",
      "name": "overall",
      "title": "Hvordan var mødet alt i alt?",
      "isRequired": true,
      "requiredErrorText": "Vælg, hvordan mødet var alt i alt.",
      "rateType": "smileys",
      "displayMode": "buttons",
      "rateValues": [
        {
          "value": "1",
          "text": "Meget dårligt"
        },
        {
          "value": "2",
          "text": "Dårligt"
        },
        {
          "value": "3",
          "text": "Hverken godt eller dårligt"
        },
        {
          "value": "4",
          "text": "Godt"
        },
        {
          "value": "5",
          "text": "Meget godt"
        }
      ]
    },
    {
      "type": "radiogroup",
      "name": "heard",
      "title": "Følte du dig hørt?",
      "choices": [
        {
          "value": "yes",
          "text": "Ja"
        },
        {
          "value": "partly",
          "text": "Delvist"
        },
        {
          "value": "no",
          "text": "Nej"
        }
      ],
      "showNoneItem": true,
      "noneText": "Vil helst ikke svare"
    },
    {
      "type": "radiogroup",
      "name": "information",
      "title": "Fik du klar information?",
      "choices": [
        {
          "value": "yes",
          "text": "Ja"
        },
        {
          "value": "partly",
          "text": "Delvist"
        },
        {
          "value": "no",
          "text": "Nej"
        }
      ],
      "showNoneItem": true,
      "noneText": "Vil helst ikke svare"
    },
    {
      "type": "radiogroup",
      "name": "next",
      "title": "Ved du, hvad der skal ske nu?",
      "choices": [
        {
          "value": "yes",
          "text": "Ja"
        },
        {
          "value": "partly",
          "text": "Delvist"
        },
        {
          "value": "no",
          "text": "Nej"
        }
      ],
      "showNoneItem": true,
      "noneText": "Vil helst ikke svare"
    },
    {
      "type": "radiogroup",
      "name": "meeting",
      "title": "Hvor eller hvordan foregik mødet?",
      "choices": [
        {
          "value": "office",
          "text": "På kontoret"
        },
        {
          "value": "home",
          "text": "Hjemme hos mig"
        },
        {
          "value": "phone",
          "text": "Telefon"
        },
        {
          "value": "video",
          "text": "Video"
        },
        {
          "value": "network",
          "text": "Netværksmøde (fx Åben Dialog)"
        },
        {
          "value": "other",
          "text": "Andet"
        }
      ],
      "showNoneItem": true,
      "noneText": "Vil helst ikke svare"
    },
    {
      "type": "comment",
      "name": "comment",
      "title": "Vil du fortælle os mere?",
      "description": "Skriv ikke navne, adresser, diagnoser eller andet, der kan vise, hvem du eller andre er. Vi fjerner CPR-numre, telefonnumre, e-mailadresser og tal med seks cifre eller flere, og du ser kommentaren, inden den bliver sendt. Vi kan ikke svare på kommentaren. Vil du klage eller have svar, så kontakt kommunen.",
      "maxLength": 500,
      "rows": 4,
      "allowResize": true
    }
  ]
};

// On window so the benchmark can check it asks forms/feedback.json's questions.
window.feedbackSurvey = new Survey.Model(model);
window.feedbackSurvey.render(document.getElementById("feedback-survey"));

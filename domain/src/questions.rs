//! Security questions (reset only): the tenant's list in the user's language, the
//! rules for answers, and how answers are compared. Answers are normalised (Unicode
//! NFKC, case, whitespace) before hashing, so "  Amsterdam" and "amsterdam" match.

use crate::delivery::format;
use crate::messages::Args;
use api::policy::{Questions, BUILTIN_QUESTIONS};
use api::Question;
use unicode_normalization::UnicodeNormalization;

/// Characters other than spaces.
pub const MIN_ANSWER_LENGTH: usize = 3;
pub const MAX_ANSWER_LENGTH: usize = 128;

/// Why a set of answers is refused; each is an API error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerProblem {
    WrongCount,
    QuestionNotOffered,
    QuestionRepeated,
    TooShort,
    SameAsQuestion,
    AnswerRepeated,
}

/// The text of question `id` in `lang`, if the tenant offers it.
pub fn text(questions: &Questions, id: &str, lang: &str) -> Option<String> {
    if questions.builtin.iter().any(|q| q == id) && BUILTIN_QUESTIONS.contains(&id) {
        return Some(format(lang, &format!("question-{id}"), &Args::new()));
    }
    let custom = questions.custom.iter().find(|q| q.id == id)?;
    custom.text.get(lang).or_else(|| custom.text.values().next()).cloned()
}

/// Every question the tenant offers, in `lang`: built-in ones first.
pub fn catalogue(questions: &Questions, lang: &str) -> Vec<Question> {
    questions
        .builtin
        .iter()
        .map(String::as_str)
        .chain(questions.custom.iter().map(|q| q.id.as_str()))
        .filter_map(|id| Some(Question { id: id.to_string(), text: text(questions, id, lang)? }))
        .collect()
}

/// Case, width and spacing differences do not matter.
pub fn normalise(answer: &str) -> String {
    let folded: String = answer.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of a text, normalised, without punctuation: "What's your city?" and
/// "whats your city" are the same words.
fn words(text: &str) -> String {
    let kept: String = normalise(text)
        .chars()
        .filter_map(|c| match c {
            c if c.is_alphanumeric() => Some(c),
            c if c.is_whitespace() || matches!(c, '-' | '/' | '_') => Some(' '),
            _ => None,
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a full set of answers against the tenant's rules and returns them
/// normalised, in the order given.
pub fn check(questions: &Questions, answers: &[(String, String)]) -> Result<Vec<(String, String)>, AnswerProblem> {
    if answers.len() != usize::from(questions.register) {
        return Err(AnswerProblem::WrongCount);
    }
    let mut out: Vec<(String, String)> = vec![];
    for (id, answer) in answers {
        if out.iter().any(|(q, _)| q == id) {
            return Err(AnswerProblem::QuestionRepeated);
        }
        if text(questions, id, api::LANGUAGES[0]).is_none() {
            return Err(AnswerProblem::QuestionNotOffered);
        }
        let answer = normalise(answer);
        let letters = answer.chars().filter(|c| !c.is_whitespace()).count();
        if letters < MIN_ANSWER_LENGTH || answer.chars().count() > MAX_ANSWER_LENGTH {
            return Err(AnswerProblem::TooShort);
        }
        if api::LANGUAGES.iter().filter_map(|lang| text(questions, id, lang)).any(|q| words(&q) == words(&answer)) {
            return Err(AnswerProblem::SameAsQuestion);
        }
        if out.iter().any(|(_, a)| *a == answer) {
            return Err(AnswerProblem::AnswerRepeated);
        }
        out.push((id.clone(), answer));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::policy::CustomQuestion;

    fn with_custom() -> Questions {
        let mut q = Questions::default();
        q.custom.push(CustomQuestion {
            id: "custom-mascot".into(),
            text: [
                ("en-US".to_string(), "Our mascot?".to_string()),
                ("nl-NL".to_string(), "Onze mascotte?".to_string()),
            ]
            .into(),
        });
        q
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(q, a)| (q.to_string(), a.to_string())).collect()
    }

    #[test]
    fn answers_are_normalised() {
        assert_eq!(normalise("  New   York "), "new york");
        assert_eq!(normalise("ＡＭＳＴＥＲＤＡＭ"), "amsterdam", "full-width letters (NFKC)");
        assert_eq!(normalise("Cafe\u{301}"), normalise("Café"), "composed and decomposed accents");
        assert_eq!(normalise("ﬁsh"), "fish", "ligatures");
    }

    #[test]
    fn questions_come_in_the_users_language() {
        let q = with_custom();
        let en = catalogue(&q, "en-US");
        assert_eq!(en.len(), BUILTIN_QUESTIONS.len() + 1);
        assert_eq!(en[0].text, "In what city did you meet your first spouse or partner?");
        let nl = catalogue(&q, "nl-NL");
        assert_eq!(nl.last().map(|x| x.text.as_str()), Some("Onze mascotte?"));
        assert!(nl[0].text.starts_with("In welke plaats"));
        let mut fewer = Questions::default();
        fewer.builtin.truncate(2);
        assert_eq!(catalogue(&fewer, "en-US").len(), 2);
    }

    #[test]
    fn answer_rules() {
        let q = with_custom();
        let ok = pairs(&[("first-pet", " Rex "), ("favourite-food", "Stamppot"), ("custom-mascot", "Otter")]);
        assert_eq!(
            check(&q, &ok),
            Ok(pairs(&[("first-pet", "rex"), ("favourite-food", "stamppot"), ("custom-mascot", "otter")]))
        );
        let cases = [
            (pairs(&[("first-pet", "rex"), ("favourite-food", "stamppot")]), AnswerProblem::WrongCount),
            (
                pairs(&[("first-pet", "rex"), ("first-pet", "max"), ("favourite-food", "pie")]),
                AnswerProblem::QuestionRepeated,
            ),
            (
                pairs(&[("first-pet", "rex"), ("nope", "max"), ("favourite-food", "pie")]),
                AnswerProblem::QuestionNotOffered,
            ),
            (
                pairs(&[("first-pet", "rex"), ("first-job", "max"), ("favourite-food", "pie")]),
                AnswerProblem::QuestionNotOffered,
            ),
            (
                pairs(&[("first-pet", " r x"), ("city-first-job", "delft"), ("favourite-food", "pie")]),
                AnswerProblem::TooShort,
            ),
            (
                pairs(&[
                    ("first-pet", "rex"),
                    ("city-first-job", "delft"),
                    ("favourite-food", "Wat is uw favoriete gerecht"),
                ]),
                AnswerProblem::SameAsQuestion,
            ),
            (
                // With its question mark, more punctuation and other spacing.
                pairs(&[
                    ("first-pet", "rex"),
                    ("city-first-job", "delft"),
                    ("favourite-food", "  What is your FAVOURITE food?? "),
                ]),
                AnswerProblem::SameAsQuestion,
            ),
            (
                pairs(&[("first-pet", "Rex"), ("city-first-job", "REX"), ("favourite-food", "pie")]),
                AnswerProblem::AnswerRepeated,
            ),
        ];
        for (answers, problem) in cases {
            assert_eq!(check(&q, &answers), Err(problem), "{answers:?}");
        }
    }
}

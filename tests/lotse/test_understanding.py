"""Reading a whole message: the facts, the question asked, the way it leads, and two
misunderstandings in a row. Sentences written for these tests, not taken from the
evaluation files."""

from __future__ import annotations

import pytest

from lotse.understanding.facts import read_facts
from lotse.understanding.misunderstanding import person_needed
from lotse.understanding.questions import asked
from lotse.understanding.routing import route
from lotse.understanding.service import answers


def test_a_long_message_gives_age_company_size_status_and_place():
    facts = read_facts(
        "fahre seit 12 jahren lkw bei ner firma in haldensleben mit 85 mitarbeitern, "
        "bin jetzt 49 und ich arbeite da noch. wer übernimmt die kosten für den schein?"
    )
    assert facts["age"] == 49
    assert facts["company_size"] == 85
    assert facts["employment_status"] == "employed"
    assert facts["location"] == "haldensleben"
    assert facts["kind"] == "person"


@pytest.mark.parametrize(
    "text, age",
    [
        ("bin 58 und suche was neues", 58),
        ("ich bin schon 46 jahre alt", 46),
        ("Jahrgang 1975, arbeitslos", None),  # checked below against the current year
        ("mit 52 nochmal umschulen, geht das?", 52),
        ("anfang 50 und im lager", 51),
        ("seit 20 jahren im lager", None),
        ("mit 30 leuten im betrieb", None),
        ("wir sind 40 mitarbeiter", None),
        ("tischlerin, 34, arbeite in einer werkstatt", 34),
        ("wir haben 30, 40 leute", None),
    ],
)
def test_the_age_is_read_and_durations_or_headcounts_are_not(text, age):
    facts = read_facts(text)
    if text.startswith("Jahrgang"):
        assert 45 <= facts["age"] <= 60
    else:
        assert facts.get("age") == age


@pytest.mark.parametrize(
    "text, size",
    [
        ("unser betrieb hat 23 beschäftigte", 23),
        ("über 500 mitarbeiter", 501),
        ("knapp 50 leute", 49),
        ("ca. 1.200 Mitarbeitende", 1200),
        ("ein kleiner laden mit 3 kolleginnen", 3),
    ],
)
def test_a_headcount_is_read_with_its_modifier(text, size):
    assert read_facts(text)["company_size"] == size


@pytest.mark.parametrize(
    "text, goal",
    [
        ("ich möchte meinen meister im elektrohandwerk machen", "advanced_degree"),
        ("will die fachwirtin im gesundheitswesen anfangen", "advanced_degree"),
        ("überlege, den techniker abends zu machen", "advanced_degree"),
        ("gerne eine umschulung zur erzieherin", "vocational_degree"),
        ("ich würde gern meinen berufsabschluss nachholen", "vocational_degree"),
        ("brauche nur nen staplerschein", "other"),
    ],
)
def test_the_course_goal_is_read_from_a_wish(text, goal):
    assert read_facts(text)["course_goal"] == goal


def test_a_held_meister_is_a_qualification_not_a_goal():
    facts = read_facts("bin meister im dachdeckerhandwerk und will techniker werden")
    assert facts["qualification"] == "advanced"
    assert facts["course_goal"] == "advanced_degree"
    assert read_facts("hab den meister 2015 gemacht").get("course_goal") is None


def test_a_goal_that_diet_read_as_qualification_is_not_kept_as_one():
    entities = [{"entity": "qualification", "value": "Meister"}]
    facts = read_facts("ich will meinen Meister machen", entities)
    assert facts["course_goal"] == "advanced_degree"
    assert "qualification" not in facts


def test_a_young_craftsman_after_his_exam_is_a_person_with_a_vocational_qualification():
    facts = read_facts("hab gestern meinen gesellenbrief als tischler bekommen, bin 20, was nun")
    assert facts["qualification"] == "vocational"
    assert facts["age"] == 20
    assert route("request_guidance", facts, frozenset()).goal == "person"


@pytest.mark.parametrize(
    "text",
    [
        "ich habe in der ukraine als krankenschwester gearbeitet und möchte das hier anerkennen lassen",
        "bin elektriker aus vietnam, mein zeugnis ist auf vietnamesisch",
        "ich hab ein polnisches diplom als ingenieur",
    ],
)
def test_a_qualification_from_abroad_is_read(text):
    assert read_facts(text)["foreign_qualification"] is True


def test_a_trip_abroad_is_not_a_foreign_qualification():
    assert "foreign_qualification" not in read_facts("war letztes jahr in spanien im urlaub")


@pytest.mark.parametrize(
    "text, receives, status",
    [
        ("bekomme alg 1 seit februar", "alg1", "unemployed"),
        ("bin beim jobcenter und krieg bürgergeld", "buergergeld", "unemployed"),
    ],
)
def test_a_benefit_implies_unemployment_unless_said_otherwise(text, receives, status):
    facts = read_facts(text)
    assert facts["receives"] == receives and facts["employment_status"] == status


def test_the_most_specific_status_wins_and_negations_count():
    assert read_facts("angestellt, aber seit april kurzarbeit")["employment_status"] == "short_time"
    assert read_facts("mir wurde gekündigt, arbeite noch bis juni")["employment_status"] == "jobseeking"
    assert read_facts("kein bürgergeld, nix")["receives"] == "none"
    assert "employment_status" not in read_facts("bin nicht arbeitslos")


def test_working_hours_are_not_course_hours():
    facts = read_facts("teilzeit 30 stunden")
    assert facts["weekly_hours"] == 30 and facts["employment_status"] == "employed"
    assert "course_hours" not in facts
    assert read_facts("der lehrgang hat 480 stunden")["course_hours"] == 480


def test_the_employer_agreeing_or_not():
    assert read_facts("mein chef zahlt die hälfte")["employer_agrees"] is True
    assert read_facts("chef zahlt nix dazu")["employer_agrees"] is False
    assert read_facts("chef ist dagegen")["employer_agrees"] is False


def test_who_speaks_is_decided_by_the_words_not_by_a_number():
    assert read_facts("wir haben 40 mitarbeiter und wollen unsere leute schulen")["kind"] == "employer"
    employee = read_facts("arbeite in nem betrieb mit 120 leuten, mein chef ist ok damit")
    assert employee["kind"] == "person" and employee["company_size"] == 120
    assert route("employer_inquiry", employee, frozenset()).goal == "person"


def test_a_company_keeps_no_personal_facts():
    facts = read_facts("als geschäftsführer eines betriebs mit 15 leuten bin ich 61")
    assert facts["kind"] == "employer" and "age" not in facts


def test_a_place_in_a_sentence_is_found_but_not_an_everyday_word():
    assert read_facts("ich wohne in stendal")["location"] == "stendal"
    assert read_facts("plz 39104, arbeitslos")["location"] == "39104"
    assert "location" not in read_facts("arbeite in einer halle mit gabelstaplern")


@pytest.mark.parametrize(
    "text, kinds",
    [
        ("arbeite seit jahren im lager, bin 51. wer bezahlt mir sowas?", {"funding"}),
        ("will in die altenpflege, kann mir das amt die umschulung zahlen", {"funding"}),
        ("hab schon kurse gemacht, wer zahlt jetzt die umschulung?", {"funding"}),
        ("welche kurse gibt es in bernburg für buchhaltung und wer zahlt das?", {"funding", "courses"}),
        ("kann mich jemand zurückrufen?", {"person"}),
        ("wann seid ihr erreichbar", {"contact"}),
        ("möchte mich gerne fortbilden", set()),
    ],
)
def test_the_question_asked_is_found_in_the_story(text, kinds):
    assert asked(text) == frozenset(kinds)


def test_who_pays_goes_to_the_advice_even_when_the_model_says_course_search():
    facts = read_facts("bin arbeitslos und will den staplerschein in magdeburg machen, wer zahlt das?")
    assert route("search_course", facts, asked("... wer zahlt das?")).goal == "person"


def test_asking_both_gives_the_advice_and_then_courses():
    text = "bin 38 und arbeitslos in halle. welche kurse gibts für pflege und wer bezahlt das"
    result = route("ask_funding", read_facts(text), asked(text))
    assert result.goal == "person" and result.then_courses


def test_a_course_question_without_funding_goes_to_the_search():
    assert route("request_guidance", {}, frozenset({"courses"})).goal == "courses"
    assert route("search_course", {}, frozenset()).goal == "courses"


@pytest.mark.parametrize("text", ["muss ich dafür zum jobcenter oder zur arbeitsagentur??",
                                  "und wo muss ich da jetzt hin", "wer ist dafür zuständig?"])
def test_where_to_go_after_the_advice_is_answered_with_the_next_steps(text):
    assert route("ask_funding", read_facts(text), asked(text), advice_given=True).goal == "next_steps"
    # Before the advice, the advice names the office; with a new fact, the situation changed.
    assert route("ask_funding", read_facts(text), asked(text)).goal == "person"
    told = read_facts("bin jetzt arbeitslos, " + text)
    assert route("ask_funding", told, asked(text), advice_given=True).goal == "person"


def test_a_situation_the_model_did_not_recognise_still_starts_the_intake():
    facts = read_facts("bin 44, arbeitslos, plz 06108")
    assert route("nlu_fallback", facts, frozenset()).goal == "person"
    assert route("nlu_fallback", {}, frozenset()).goal == "unclear"
    assert route("greet", read_facts("hallo"), frozenset()).goal == "unclear"


def test_answers_keep_facts_told_in_passing_apart_from_the_intakes_questions():
    facts = read_facts("bin 52, arbeite in magdeburg bei ner spedition mit 120 leuten")
    values = answers(facts, "person", {"course_goal": "other"})
    assert values["employment_status"] == "employed" and values["location"] == "magdeburg"
    assert values["visitor_facts"] == {"course_goal": "other", "age": 52, "company_size": 120}
    assert "company_size" not in values
    employer = answers({"company_size": 40, "age": 50, "location": "zeitz"}, "employer")
    assert employer == {"location": "zeitz", "company_size": 40}


def test_two_misunderstandings_in_a_row_need_a_person():
    assert not person_needed([("hallo", "greet"), ("asdf", "nlu_fallback")])
    assert person_needed([("asdf", "nlu_fallback"), ("weiß nicht", "dont_know")])
    assert person_needed([("wetter?", "out_of_scope"), ("keine ahnung", "dont_know")])
    assert not person_needed(
        [("asdf", "nlu_fallback"), ("bin arbeitslos", "inform"), ("weiß nicht", "dont_know")]
    )


def test_an_age_next_to_a_headcount_stays_two_numbers():
    facts = read_facts("bin 52, 120 leute in der firma")
    assert facts["age"] == 52 and facts["company_size"] == 120


def test_what_the_visitor_is_after_comes_first_in_the_advice():
    from lotse.funding import advise
    from lotse.programmes import catalogue

    recognition = advise({"kind": "person", "employment_status": "employed", "qualification": "academic",
                          "foreign_qualification": True, "in_state": True}, catalogue())
    first = [a.programme.key for a in recognition.ranked[:2]]
    assert set(first) == {"iq_netzwerk", "anerkennungszuschuss"}
    assert recognition.next_question.fact == "taxable_income_yearly"
    upgrading = advise({"kind": "person", "employment_status": "employed", "qualification": "vocational",
                        "course_goal": "advanced_degree", "in_state": True}, catalogue())
    assert upgrading.ranked[0].programme.key == "aufstiegs_bafoeg"


def test_would_i_get_it_checks_a_named_programme_and_otherwise_gives_the_advice():
    from lotse.understanding.service import programme_in, understand

    assert programme_in("krieg ich als arbeitslose den bildungsgutschien?", []).key == "bildungsgutschein"
    named = understand("krieg ich als arbeitslose den bildungsgutschein?", [], "check_eligibility")
    assert named.route.goal == "programme"
    unnamed = understand("bin 39 und pflegefachfrau, krieg ich da noch förderung?", [], "check_eligibility")
    assert unnamed.route.goal == "person"
    after_the_advice = understand("bekomme ich das?", [], "check_eligibility", programme_known=True)
    assert after_the_advice.route.goal == "programme"


def test_a_wish_for_a_person_names_its_way_and_is_answered_first():
    from lotse.understanding.questions import wished_channel
    from lotse.understanding.service import understand

    text = "Hier ist Krause, Tel 030 23125 000, bitte um Rückruf wegen einer Umschulung für mich"
    result = understand(text, [], "nlu_fallback")
    assert result.route.goal == "human" and result.channel == "phone"
    assert wished_channel("können Sie mir das per Mail schreiben?") == "email"


@pytest.mark.parametrize("text, topic", [
    ("such nen kurs für social media, instagram und so", "social media"),
    ("ich will fliesenleger werden", "fliesenleger"),
    ("ne umschulung zum kaufmann im einzelhandel", "kaufmann"),
    ("möchte gern in die altenpflege", "altenpflege"),
    ("ich würd gern was mit pflege machen", "pflege"),
])
def test_the_topic_is_read_from_how_the_wish_is_said(text, topic):
    assert read_facts(text)["topic"] == topic


@pytest.mark.parametrize("text, topic", [
    ("brauch nen gabelstapler lehrgang in dessau", "gabelstapler"),
    ("suche einen passenden kurs in stendal", None),
    ("weiterbildung in dessau, egal was", None),
])
def test_a_town_is_where_and_not_what_to_learn(text, topic):
    model_took = [{"entity": "topic", "value": "dessau"}, {"entity": "topic", "value": "stendal"}]
    facts = read_facts(text, model_took)
    assert facts.get("topic") == topic


def test_we_are_eight_is_a_headcount_only_at_a_workplace():
    assert read_facts("arbeite in einer zahnarztpraxis, wir sind 9")["company_size"] == 9
    assert "company_size" not in read_facts("wir sind 4 geschwister")


@pytest.mark.parametrize(
    "text, age",
    [("war 20 jahre auf dem bau, jetzt gehts nicht mehr", None), ("frau, 51 jahre, aus zeitz", 51),
     ("ich bin 12 jahre bei der post gewesen", None)],
)
def test_years_of_a_duration_are_no_age(text, age):
    assert read_facts(text).get("age") == age


@pytest.mark.parametrize(
    "text, topic",
    [("ich möchte endlich Photoshop lernen", "Photoshop"),
     ("fortbildung im bereich logistik gesucht", "logistik")],
)
def test_the_topic_said_as_a_wish_beats_a_word_the_model_took(text, topic):
    assert read_facts(text, [{"entity": "topic", "value": "gesucht"}])["topic"] == topic


def test_an_upgrading_goal_names_the_topic_when_nothing_else_does():
    facts = read_facts("würde gern die technikerin in elektrotechnik machen")
    assert facts["topic"].startswith("technikerin")


@pytest.mark.parametrize("text", ["hab eigentlich nix gelernt", "nie was richtiges gelernt, nur gejobbt"])
def test_nothing_learnt_is_no_qualification(text):
    assert read_facts(text)["qualification"] == "none"


def test_an_answer_that_starts_with_the_occupation_names_the_qualification():
    from lotse.understanding.facts import qualification_of_answer

    assert qualification_of_answer("Industriekauffrau bei einem großen Autozulieferer") == "vocational"


def test_years_at_home_after_a_birth_is_a_return_to_work():
    text = "nach der geburt meiner zwillinge war ich vier jahre zuhause, jetzt will ich zurück in den job"
    assert read_facts(text)["employment_status"] == "returner"


def test_a_negation_in_the_clause_before_does_not_undo_a_benefit():
    assert read_facts("seit kurzem ohne arbeit, krieg alg, wohne in zeitz")["receives"] == "alg1"


def test_years_set_off_by_commas_are_an_age():
    assert read_facts("Mechatronikerin, 23 Jahre, im Werk in Dessau")["age"] == 23


def test_an_age_in_brackets_after_ich_is_read():
    assert read_facts("guten tag, ich (57) arbeite als fahrer in stendal")["age"] == 57


def test_a_topic_and_a_place_alone_are_a_search():
    from lotse.understanding.routing import route

    typed = {"topic": "schweisskurs", "location": "zeitz"}
    assert route("inform", typed, frozenset(), words=2).goal == "courses"
    told = {"topic": "pflege", "location": "zeitz", "employment_status": "unemployed"}
    assert route("inform", told, frozenset(), words=5).goal == "person"


@pytest.mark.parametrize("text", ["möchte mich gern fortbilden", "will mich beruflich verändern",
                                  "ich würde gern ne umschulung machen"])
def test_a_wish_to_train_starts_the_intake_when_the_model_is_unsure(text):
    from lotse.understanding.service import understand

    assert understand(text, [], "nlu_fallback").route.goal == "person"


def test_an_employer_s_wish_for_staff_training_is_no_wish_of_the_speaker():
    from lotse.understanding.questions import wishes_training

    assert not wishes_training("wie kann ich meine mitarbeiter weiterbilden")
    assert not wishes_training("ich habe mich gestern umgemeldet")


def test_a_qualification_from_abroad_gets_the_advice_first_and_then_the_courses():
    text = "bin schweisser aus polen mit zeugnis von dort, wohne in halle. gibt es deutschkurse?"
    result = route("search_course", read_facts(text), asked(text))
    assert result.goal == "person" and result.then_courses

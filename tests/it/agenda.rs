//! Events, calendars and time: the agenda, iCalendar files read by a third-party parser,
//! schema.org Event, and `next-change`.

use std::collections::BTreeMap;

use icalendar::parser::{read_calendar, unfold};
use serde_json::Value;

use crate::harness::{PortalTest, tree};

/// Parses an .ics file with the icalendar crate; returns the VEVENTs as property maps.
fn events_of(text: &str) -> Vec<BTreeMap<String, String>> {
    assert!(text.ends_with("\r\n"), "CRLF line endings");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
    }
    let unfolded = unfold(text);
    let calendar = read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        calendar
            .properties
            .iter()
            .any(|p| p.name.as_str() == "VERSION" && p.val.as_str() == "2.0")
    );
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| {
            c.properties
                .iter()
                .map(|p| {
                    let params: Vec<String> = p
                        .params
                        .iter()
                        .map(|x| {
                            format!(
                                "{}={}",
                                x.key.as_str(),
                                x.val.as_ref().map_or("", |v| v.as_str())
                            )
                        })
                        .collect();
                    let key = if params.is_empty() {
                        p.name.as_str().to_string()
                    } else {
                        format!("{};{}", p.name.as_str(), params.join(";"))
                    };
                    (key, p.val.as_str().to_string())
                })
                .collect()
        })
        .collect()
}

fn uid<'a>(events: &'a [BTreeMap<String, String>], uid: &str) -> &'a BTreeMap<String, String> {
    events
        .iter()
        .find(|e| e["UID"] == uid)
        .unwrap_or_else(|| panic!("no {uid} in {events:#?}"))
}

fn built() -> PortalTest {
    let p = PortalTest::fixture("events");
    p.build().success();
    p
}

#[test]
fn the_agenda_lists_upcoming_events_soonest_first_by_month() {
    let p = built();
    let html = p.read("agenda/index.html");
    let pos = |slug: &str| html.find(&format!("/agenda/{slug}/")).unwrap_or(usize::MAX);
    assert_eq!(
        pos("gisteren"),
        usize::MAX,
        "a past event leaves the agenda"
    );
    assert_eq!(pos("concept"), usize::MAX, "drafts are not built");
    let order = [
        "vannacht",
        "rond-middernacht",
        "winter",
        "driedaags",
        "zomertijd",
        "zomer",
    ];
    for pair in order.windows(2) {
        assert!(
            pos(pair[0]) < pos(pair[1]),
            "{} before {}",
            pair[0],
            pair[1]
        );
    }
    for month in [
        "november 2026",
        "januari 2027",
        "februari 2027",
        "maart 2027",
        "juni 2027",
    ] {
        assert!(html.contains(month), "{month}");
    }
    let past = p.read("agenda/gisteren/index.html");
    assert!(past.contains("Deze bijeenkomst is voorbij."));
    assert!(!p.has("agenda/concept/index.html"));
    let organisation = p.read("organisaties/gemeente-aa/index.html");
    assert!(
        organisation.contains("/agenda/winter/") && !organisation.contains("/agenda/gisteren/")
    );
    assert!(
        organisation.contains("Traineegroep 2027") && organisation.contains("Gesprekken"),
        "the rounds as a timeline"
    );
    assert!(
        p.read("vacatures/sluit-overmorgen/index.html")
            .contains("/agenda/rond-middernacht/"),
        "a vacancy shows its events"
    );
    assert!(
        p.read("index.html").contains("href=\"/agenda/\""),
        "the navigation links the agenda"
    );
}

#[test]
fn calendar_files_parse_and_keep_local_times_right_across_dst() {
    let p = built();
    let agenda = events_of(&p.read("agenda.ics"));
    // 10:00 in Amsterdam is 09:00Z in winter and 08:00Z in summer.
    assert_eq!(
        uid(&agenda, "event-winter@agenda.example.nl")["DTSTART"],
        "20270115T090000Z"
    );
    assert_eq!(
        uid(&agenda, "event-zomer@agenda.example.nl")["DTSTART"],
        "20270615T080000Z"
    );
    // 02:30 does not exist on 28 March 2027; it means 03:30 CEST = 01:30Z.
    assert_eq!(
        uid(&agenda, "event-zomertijd@agenda.example.nl")["DTSTART"],
        "20270328T013000Z"
    );
    // Around midnight: 23:30 CET on the 23rd is 22:30Z.
    let midnight = uid(&agenda, "event-rond-middernacht@agenda.example.nl");
    assert_eq!(midnight["DTSTART"], "20261123T223000Z");
    assert_eq!(midnight["DTEND"], "20261123T233000Z");
    // A three-day event is three whole days: DTEND is exclusive.
    let days = uid(&agenda, "event-driedaags@agenda.example.nl");
    assert_eq!(days["DTSTART;VALUE=DATE"], "20270201");
    assert_eq!(days["DTEND;VALUE=DATE"], "20270204");
    // DTSTAMP comes from the content, never from the clock.
    assert_eq!(
        uid(&agenda, "event-winter@agenda.example.nl")["DTSTAMP"],
        "20261101T000000Z"
    );
    assert!(
        !agenda
            .iter()
            .any(|e| e["UID"].contains("gisteren") || e["UID"].contains("concept"))
    );
    // Escaping: the organisation's name has a comma and a semicolon.
    assert!(p.read("agenda.ics").contains("Gemeente Aa\\, Bb\\; Cc"));
    // The rounds are in the agenda too.
    assert!(agenda.iter().any(|e| e["UID"]
        == "round-gemeente-aa-traineegroep-2027-interviews@agenda.example.nl"
        && e["DTSTART;VALUE=DATE"] == "20270406"));

    let organisation = events_of(&p.read("organisaties/gemeente-aa/agenda.ics"));
    assert_eq!(
        organisation.len(),
        agenda.len(),
        "all events here are the organisation's"
    );

    let deadlines = events_of(&p.read("deadlines.ics"));
    assert_eq!(
        deadlines.len(),
        1,
        "one deadline per open vacancy with a closes date"
    );
    assert_eq!(deadlines[0]["DTSTART;VALUE=DATE"], "20261125");
    assert_eq!(
        deadlines[0]["SUMMARY"],
        "Sluitingsdatum: Stage die overmorgen sluit"
    );

    let single = events_of(&p.read("agenda/winter/event.ics"));
    assert_eq!(single.len(), 1);
    assert!(
        p.read("agenda/winter/index.html")
            .contains("href=\"/agenda/winter/event.ics\""),
        "Zet in je agenda"
    );
}

#[test]
fn event_pages_carry_schema_org_event() {
    let p = built();
    let html = p.read("agenda/zomer/index.html");
    let open = "<script type=\"application/ld+json\">";
    let start = html.find(open).unwrap() + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    let ld: Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["name"], "Stagebeurs in de zomer");
    assert_eq!(ld["startDate"], "2027-06-15T10:00:00+02:00");
    assert_eq!(ld["endDate"], "2027-06-15T16:00:00+02:00");
    assert_eq!(
        ld["eventAttendanceMode"],
        "https://schema.org/MixedEventAttendanceMode"
    );
    assert_eq!(ld["eventStatus"], "https://schema.org/EventScheduled");
    let kinds: Vec<&str> = ld["location"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["@type"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["Place", "VirtualLocation"]);
    assert_eq!(ld["organizer"]["name"], "Gemeente Aa, Bb; Cc");
}

#[test]
fn next_change_names_the_earliest_moment() {
    let p = built();
    let run = p
        .run(&[
            "next-change",
            "--root",
            p.root.to_str().unwrap(),
            "--today",
            "2026-11-23",
        ])
        .success();
    // The night event (no end) is over when the 23rd is: the agenda changes at the start of
    // the 24th. The midnight event lasts into the 24th, so it leaves at the start of the 25th.
    assert_eq!(run.stdout, "2026-11-24T00:00:00+01:00\n");
    let json: Value = serde_json::from_str(&p.read("next-change.json")).unwrap();
    assert_eq!(json["at"], "2026-11-24T00:00:00+01:00");
    assert_eq!(json["reasons"], serde_json::json!(["1 event ends"]));
    let next = p
        .run(&[
            "next-change",
            "--root",
            p.root.to_str().unwrap(),
            "--today",
            "2026-11-24",
        ])
        .success();
    assert_eq!(next.stdout, "2026-11-25T00:00:00+01:00\n");
    let later = p
        .run(&[
            "next-change",
            "--root",
            p.root.to_str().unwrap(),
            "--today",
            "2026-11-26",
        ])
        .success();
    assert_eq!(
        later.stdout, "2026-12-05T00:00:00+01:00\n",
        "the scheduled vacancy goes online"
    );
    let build = p.build_with(&["--today", "2026-11-23"]).success();
    assert!(
        build
            .stdout
            .contains("; next change 2026-11-24T00:00:00+01:00: 1 event ends"),
        "{}",
        build.stdout
    );
}

#[test]
fn nothing_pending_means_exit_one_and_no_output() {
    let p = PortalTest::fixture("minimal");
    p.write("content/vacancies/gemeente-aa/stagiair-ict.md", "+++\ntitle = \"Zonder deadline\"\npublished = 2026-10-01\nlevels = [\"mbo\"]\nlocation = \"Aa\"\napply = \"stages@aa.example.nl\"\n+++\nTekst.\n");
    let run = p.run(&[
        "next-change",
        "--root",
        p.root.to_str().unwrap(),
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    p.build().success();
    assert_eq!(p.read("next-change.json"), "{\"at\":null,\"reasons\":[]}\n");
}

#[test]
fn a_deadline_tomorrow_and_a_scheduled_vacancy() {
    let p = built();
    let on = |today: &str| {
        p.run(&[
            "next-change",
            "--root",
            p.root.to_str().unwrap(),
            "--today",
            today,
        ])
        .success()
        .stdout
    };
    assert_eq!(
        on("2026-11-25"),
        "2026-11-26T00:00:00+01:00\n",
        "the deadline of the 25th passes at the start of the 26th"
    );
    assert!(
        !p.has("vacatures/later-online/index.html"),
        "not built before its day"
    );
    p.build_with(&["--today", "2026-12-05"]).success();
    assert!(
        p.has("vacatures/later-online/index.html"),
        "built from its day on"
    );
}

#[test]
fn output_is_the_same_in_every_machine_time_zone() {
    let p = PortalTest::fixture("events");
    let root = p.root.to_str().unwrap().to_string();
    let mut outputs = Vec::new();
    for tz in ["America/New_York", "Asia/Tokyo", "UTC"] {
        let out = p
            .root
            .parent()
            .unwrap()
            .join(format!("out-{}", tz.replace('/', "-")));
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_stagebord"))
            .args([
                "build",
                "--root",
                &root,
                "--today",
                "2026-11-23",
                "--output-dir",
                out.to_str().unwrap(),
            ])
            .env("TZ", tz)
            .status()
            .unwrap();
        assert!(status.success());
        outputs.push(tree(&out));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn bad_events_are_reported_at_their_lines() {
    let p = PortalTest::fixture("events");
    p.write("content/events/fout.md", "+++\ntitle = \"Fout\"\norganisation = \"gemeente-aa\"\nstarts = 2027-01-15T10:00:00\nends = 2027-01-15T09:00:00\nlocation = \"Aa\"\nvacancies = []\nkind = \"borrel\"\n+++\n");
    p.write("content/events/verwijzing.md", "+++\ntitle = \"Verwijzing\"\norganisation = \"gemeente-aa\"\nstarts = 2027-01-15\nlocation = \"Aa\"\nvacancies = [\"sluit-overmorgn\"]\n+++\n");
    p.write(
        "content/events/nergens.md",
        "+++\ntitle = \"Nergens\"\norganisation = \"gemeente-aa\"\n+++\n",
    );
    let run = p.build().failure();
    for expected in [
        "content/events/fout.md:5:8: error: `ends` must come after `starts`",
        "content/events/verwijzing.md:6:14: error: unknown vacancy \"sluit-overmorgn\"",
        "did you mean \"sluit-overmorgen\"?",
        "content/events/fout.md:8:8: error: unknown event kind \"borrel\"",
        "content/events/nergens.md:1:1: error: missing required key `starts`",
        "content/events/nergens.md:1:1: error: an event needs a `location`, an `online` address, or both",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
}

#[test]
fn the_example_portal_has_its_agenda_calendars_and_next_change() {
    let p = PortalTest::example();
    p.build().success();
    let agenda = events_of(&p.read("agenda.ics"));
    let events: Vec<&str> = agenda
        .iter()
        .map(|e| e["UID"].as_str())
        .filter(|u| u.starts_with("event-"))
        .collect();
    assert!(events.len() >= 6, "{events:?}");
    for uid in [
        "event-introductiedag-maart-2027@stages.example.nl",
        "event-online-stagebeurs-2027@stages.example.nl",
        "event-informatiebijeenkomst-brussel@stages.example.nl",
    ] {
        assert!(events.contains(&uid), "{uid}");
    }
    assert_eq!(
        events.iter().filter(|u| u.contains("koffiemoment")).count(),
        3
    );
    assert!(
        agenda
            .iter()
            .any(|e| e["UID"].starts_with("round-trainees-noordervaart-traineegroep-2027-")),
        "the trainee programme's rounds"
    );
    assert!(
        !events
            .iter()
            .any(|u| u.contains("open-dag-waterzuivering-2026")),
        "a past event is in no calendar"
    );
    let trainees = events_of(&p.read("organisaties/trainees-noordervaart/agenda.ics"));
    assert!(
        trainees
            .iter()
            .filter(|e| e["UID"].contains("koffiemoment"))
            .count()
            == 3
    );
    let deadlines = events_of(&p.read("deadlines.ics"));
    assert_eq!(deadlines.len(), 27, "one per open vacancy");
    assert!(
        p.read("agenda/index.html")
            .contains("/agenda/koffiemoment-januari/")
    );
    let run = p
        .run(&[
            "next-change",
            "--root",
            p.root.to_str().unwrap(),
            "--today",
            "2026-11-23",
        ])
        .success();
    // Two vacancies close on 30 November: the portal is out of date from 1 December.
    assert_eq!(run.stdout, "2026-12-01T00:00:00+01:00\n");
}

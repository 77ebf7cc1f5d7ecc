//! A realistic Finnish demo caseload, generated deterministically from a seed so every
//! newcomer (and every test) sees the same living app: ~20 clients across the five stages,
//! ~60 employers, ~400 employer contacts over six months, jobs and in-work support.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};
use polku_domain::{
    ClientInput, ContactMode, ContactOutcome, ContactPurpose, EmployerInput, Stage,
};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const FIRST_NAMES: &[&str] = &[
    "Aino", "Eetu", "Helmi", "Juho", "Kaisa", "Lauri", "Mikaela", "Niko", "Oona", "Pekka",
    "Riikka", "Sami", "Tiina", "Ville", "Anni", "Elias", "Jenni", "Markus", "Sofia", "Tuomas",
    "Linnea", "Oskar",
];
const SURNAME_INITIALS: &[&str] = &["K.", "L.", "M.", "N.", "R.", "S.", "T.", "V.", "H.", "J."];
const PROFESSIONALS: &[&str] = &[
    "Hanna Lehtonen (psykiatrinen sairaanhoitaja)",
    "Jari Koskinen (sosiaalityöntekijä)",
    "Minna Heikkinen (psykologi)",
    "Timo Järvinen (lääkäri)",
];
const EMPLOYER_BASES: &[(&str, &str)] = &[
    ("K-Market", "Kauppa"),
    ("S-Market", "Kauppa"),
    ("Lidl", "Kauppa"),
    ("Tokmanni", "Kauppa"),
    ("Ravintola Pihka", "Ravintola"),
    ("Kahvila Aalto", "Ravintola"),
    ("Hotelli Seurahuone", "Majoitus"),
    ("Posti", "Logistiikka"),
    ("Varastopalvelu Nurmi", "Logistiikka"),
    ("Siivous Kiilto", "Kiinteistöpalvelu"),
    ("Kiinteistöhuolto Lahtinen", "Kiinteistöpalvelu"),
    ("Autokorjaamo Virta", "Autoala"),
    ("Kirjasto", "Julkinen sektori"),
    ("Kaupunginpuutarha", "Julkinen sektori"),
    ("Rakennus Salo", "Rakentaminen"),
    ("Kierrätyskeskus", "Kierrätys"),
    ("Leipomo Onni", "Elintarvike"),
    ("IT-Tuki Sulava", "ICT"),
    ("Hoivakoti Kotiranta", "Sosiaaliala"),
    ("Painotalo Kirjain", "Teollisuus"),
];
const CITIES: &[&str] = &["Tampere", "Nokia", "Ylöjärvi", "Kangasala", "Pirkkala"];
const PREFERENCES: &[&str] = &[
    "Varastotyö tai logistiikka, aamuvuorot",
    "Asiakaspalvelu kaupassa, osa-aikainen",
    "Keittiötyö, ei iltavuoroja",
    "Ulkotyöt, puutarha tai kiinteistöhuolto",
    "Toimistotyö tai IT-tuki",
    "Hoiva-avustaja, päivätyö",
];
const CONTACT_PEOPLE: &[(&str, &str)] = &[
    ("Maija Laine", "myymäläpäällikkö"),
    ("Antti Mäkinen", "toimitusjohtaja"),
    ("Liisa Ojala", "henkilöstöpäällikkö"),
    ("Kari Peltonen", "vuoropäällikkö"),
    ("Sanna Rantanen", "esimies"),
    ("Petri Aaltonen", "yrittäjä"),
];
const NEXT_STEPS: &[&str] = &[
    "Soita ja kysy avoimista paikoista",
    "Vie asiakkaan CV",
    "Sovi työhaastattelu",
    "Tutustumiskäynti asiakkaan kanssa",
    "Seurantakäynti työpaikalla",
];
const JOB_TYPES: &[&str] = &[
    "Myyjä",
    "Varastotyöntekijä",
    "Keittiöapulainen",
    "Siivooja",
    "Kiinteistöhuoltaja",
    "Hoiva-avustaja",
    "IT-tukihenkilö",
    "Puutarhatyöntekijä",
];

pub struct DemoEmployer {
    pub input: EmployerInput,
}

pub struct DemoClient {
    pub input: ClientInput,
}

pub struct DemoContact {
    pub employer: usize,
    pub clients: Vec<usize>,
    pub occurred_at: NaiveDateTime,
    pub contact: (String, String),
    pub mode: ContactMode,
    pub client_present: bool,
    pub purposes: Vec<ContactPurpose>,
    pub outcome: Option<ContactOutcome>,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
    pub next_step_done: bool,
}

pub struct DemoJob {
    pub client: usize,
    pub employer: usize,
    pub job_type: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub hours: f64,
    pub wage: f64,
    pub permanent: bool,
    pub competitive: bool,
    pub wage_subsidy: bool,
}

pub struct DemoSupport {
    pub client: usize,
    pub job: usize,
    pub occurred_at: NaiveDateTime,
    pub mode: ContactMode,
    pub with_employer: bool,
    pub notes: String,
}

pub struct DemoCaseload {
    pub employers: Vec<DemoEmployer>,
    pub clients: Vec<DemoClient>,
    pub contacts: Vec<DemoContact>,
    pub jobs: Vec<DemoJob>,
    pub support: Vec<DemoSupport>,
}

/// A weekday working-hours moment `days_ago` before `now`.
fn work_moment(rng: &mut StdRng, now: NaiveDateTime, days_ago: i64) -> NaiveDateTime {
    let mut day = now.date() - Duration::days(days_ago);
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day -= Duration::days(1);
    }
    let at = day
        .and_hms_opt(
            rng.random_range(8..16),
            [0, 15, 30, 45][rng.random_range(0..4)],
            0,
        )
        .unwrap_or(now);
    at.min(now)
}

/// The demo, relative to `now` so follow-ups are due around today.
pub fn generate(now: NaiveDateTime, seed: u64) -> DemoCaseload {
    let mut rng = StdRng::seed_from_u64(seed);
    let today = now.date();
    let mut employers = Vec::new();
    for (i, (base, sector)) in EMPLOYER_BASES.iter().enumerate() {
        for j in 0..3 {
            let city = CITIES[(i + j) % CITIES.len()];
            employers.push(DemoEmployer {
                input: EmployerInput {
                    name: format!("{base} {city}"),
                    business_id: None,
                    sector: (*sector).to_owned(),
                    location: city.to_owned(),
                },
            });
        }
    }

    let stages = Stage::ALL;
    let mut clients = Vec::new();
    for i in 0..20 {
        let stage = stages[i % stages.len()];
        let referral = today - Duration::days(rng.random_range(60..400));
        let entry = referral + Duration::days(rng.random_range(3..20));
        let progressed = stage != Stage::Engagement;
        clients.push(DemoClient {
            input: ClientInput {
                name: format!(
                    "{} {}",
                    FIRST_NAMES[i % FIRST_NAMES.len()],
                    SURNAME_INITIALS[i % SURNAME_INITIALS.len()]
                ),
                responsible_professional: PROFESSIONALS[i % PROFESSIONALS.len()].to_owned(),
                stage,
                referral_date: Some(referral),
                entry_date: Some(entry.min(today)),
                profile_started_date: progressed
                    .then(|| (entry + Duration::days(rng.random_range(1..14))).min(today)),
                benefits_planning_date: progressed
                    .then(|| (entry + Duration::days(rng.random_range(7..40))).min(today)),
                disclosure_discussed_date: (matches!(
                    stage,
                    Stage::EmployerEngagement | Stage::Support
                ))
                .then(|| (entry + Duration::days(rng.random_range(14..60))).min(today)),
                employed_at_entry: i % 7 == 0,
                preferences: PREFERENCES[i % PREFERENCES.len()].to_owned(),
                notes: String::new(),
            },
        });
    }

    let mut contacts = Vec::new();
    for _ in 0..400 {
        let days_ago = rng.random_range(0..182);
        let occurred_at = work_moment(&mut rng, now, days_ago);
        let mode = match rng.random_range(0..10) {
            0..=5 => ContactMode::FaceToFace,
            6..=7 => ContactMode::Phone,
            8 => ContactMode::Email,
            _ => ContactMode::Video,
        };
        let clients_for = if rng.random_bool(0.75) {
            vec![rng.random_range(0..clients.len())]
        } else {
            Vec::new()
        };
        let client_present =
            !clients_for.is_empty() && mode == ContactMode::FaceToFace && rng.random_bool(0.3);
        let purposes = {
            let mut p = vec![*ContactPurpose::ALL
                .choose(&mut rng)
                .unwrap_or(&ContactPurpose::LearnNeeds)];
            if !clients_for.is_empty() {
                p.push(ContactPurpose::PresentJobSeeker);
            }
            p.dedup();
            p
        };
        let has_next = rng.random_bool(0.5);
        let due = occurred_at.date() + Duration::days(rng.random_range(1..21));
        contacts.push(DemoContact {
            employer: rng.random_range(0..employers.len()),
            clients: clients_for,
            occurred_at,
            contact: {
                let (n, r) = CONTACT_PEOPLE.choose(&mut rng).unwrap_or(&("", ""));
                ((*n).to_owned(), (*r).to_owned())
            },
            mode,
            client_present,
            purposes,
            outcome: ContactOutcome::ALL.choose(&mut rng).copied(),
            next_step: if has_next {
                NEXT_STEPS.choose(&mut rng).unwrap_or(&"").to_string()
            } else {
                String::new()
            },
            next_step_due: has_next.then_some(due),
            // Older follow-ups are mostly done; a few stay overdue, as in real life.
            next_step_done: has_next && due < today && rng.random_bool(0.9),
        });
    }

    let mut jobs = Vec::new();
    for (i, c) in clients.iter().enumerate() {
        if !matches!(c.input.stage, Stage::EmployerEngagement | Stage::Support) {
            continue;
        }
        let entry = c.input.entry_date.unwrap_or(today);
        let span = (today - entry).num_days().max(2);
        let start = entry + Duration::days(rng.random_range(1..span));
        let ended = c.input.stage == Stage::EmployerEngagement && rng.random_bool(0.5);
        jobs.push(DemoJob {
            client: i,
            employer: rng.random_range(0..employers.len()),
            job_type: JOB_TYPES.choose(&mut rng).unwrap_or(&"Myyjä").to_string(),
            start,
            end: ended.then(|| (start + Duration::days(rng.random_range(20..90))).min(today)),
            hours: f64::from(rng.random_range(8..38)),
            wage: f64::from(rng.random_range(1150..1650)) / 100.0,
            permanent: rng.random_bool(0.4),
            competitive: rng.random_bool(0.85),
            wage_subsidy: rng.random_bool(0.3),
        });
    }

    let mut support = Vec::new();
    for (j, job) in jobs.iter().enumerate() {
        let last = job.end.unwrap_or(today);
        let mut day = job.start;
        while day <= last && support.len() < 200 {
            let days_ago = (today - day).num_days();
            support.push(DemoSupport {
                client: job.client,
                job: j,
                occurred_at: work_moment(&mut rng, now, days_ago),
                mode: if rng.random_bool(0.7) {
                    ContactMode::FaceToFace
                } else {
                    ContactMode::Phone
                },
                with_employer: rng.random_bool(0.4),
                notes: "Kuulumiset ja työtehtävien läpikäynti".to_owned(),
            });
            day += Duration::days(if support.len() % 4 == 0 { 7 } else { 14 });
        }
    }

    DemoCaseload {
        employers,
        clients,
        contacts,
        jobs,
        support,
    }
}

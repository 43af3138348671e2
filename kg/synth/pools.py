"""The vocabulary the synthetic archive draws from: people, offices, archives, periodicals, languages.

A few historical figures (the ones the seed records name) with the spellings the archive
really uses, and a large pool of *fictional* people made from name parts, each with the
transliteration variants archives produce (``Georgii`` / ``Georgy``, ``-skii`` / ``-sky``).
No authority identifiers (Wikidata QIDs or otherwise) appear here on purpose: linking is the
entity stage's job, and an invented QID would point at someone real.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Person:
    """One person and the ways a record may write them (the first is the full form)."""

    full: str  # "Nikita S. Khrushchev"
    variants: tuple[str, ...]  # "N.S. Khrushchev", "Khrushchev", "Nikita Sergeevich", ...
    surname: str


# (full name, variants...) as the archive spells them; the first variant is the full form.
HISTORICAL: tuple[tuple[str, ...], ...] = (
    ("Nikita S. Khrushchev", "N.S. Khrushchev", "N. S. Khrushchev", "Nikita Khrushchev", "Nikita Sergeevich", "N. Khrushchev", "Khrushchev"),
    ("Josef Stalin", "J.V. Stalin", "I.V. Stalin", "Joseph Stalin", "Iosif Stalin", "Stalin"),
    ("Lavrentiy Beria", "Lavrentii Beria", "Lavrenty Beria", "L.P. Beria", "Beria"),
    ("Georgii Malenkov", "Georgy Malenkov", "G.M. Malenkov", "Malenkov G.M.", "Malenkov"),
    ("Vyacheslav Molotov", "V.M. Molotov", "Viacheslav Molotov", "Molotov"),
    ("Nikolai Bulganin", "N. A. Bulganin", "Nikolai Alexandrovich", "Bulganin"),
    ("Anastas Mikoyan", "A.I. Mikoyan", "Anastas Mikoian", "Mikoyan"),
    ("Andrei Gromyko", "A.A. Gromyko", "Andrey Gromyko", "Gromyko"),
    ("Leonid Brezhnev", "L.I. Brezhnev", "Leonid Ilyich", "Brezhnev"),
    ("Josip Broz Tito", "Josip Broz", "Josep B. Tito", "Tito"),
    ("Milovan Djilas", "Milovan Đilas", "Djilas"),
    ("Edvard Kardelj", "E. Kardelj", "Kardelj"),
    ("Aleksandar Ranković", "Aleksandar Rankovic", "Rankovic"),
    ("Mao Zedong", "Mao Tse-tung", "Mao"),
    ("Zhou Enlai", "Chou En-lai", "Zhou"),
    ("Liu Shaoqi", "Liu Shao-chi", "Liu"),
    ("Walter Ulbricht", "W. Ulbricht", "Ulbricht"),
    ("Władysław Gomułka", "Wladyslaw Gomulka", "Gomułka", "Gomulka"),
    ("Imre Nagy", "I. Nagy", "Nagy"),
    ("Mátyás Rákosi", "Matyas Rakosi", "Rákosi"),
    ("Klement Gottwald", "K. Gottwald", "Gottwald"),
    ("Enver Hoxha", "E. Hoxha", "Hoxha"),
    ("Kim Il Sung", "Kim Il-sung", "Kim Il Song"),
    ("Ho Chi Minh", "Ho Chi-minh", "Ho"),
    ("Fidel Castro", "F. Castro", "Castro"),
    ("Pavel Yudin", "P.F. Yudin", "Pavel Iudin", "Yudin"),
    ("Dwight D. Eisenhower", "Eisenhower"),
    ("Winston Churchill", "Churchill"),
)

_FIRST = (
    "Aleksandr Alexei Anatolii Andrei Boris Dmitrii Evgenii Fedor Grigorii Georgii Ivan Iurii "
    "Konstantin Leonid Mikhail Nikolai Oleg Pavel Petr Semen Sergei Stepan Vasilii Viktor "
    "Vladimir Yakov Zdeněk Miroslav Jan Karel Józef Stanisław Tadeusz Jerzy Kurt Otto Hermann "
    "Erich Friedrich Ferenc László István János Gheorghe Nicolae Ion Todor Vulko Dimitar "
    "Mehmet Ramiz Dušan Petar Milan Vladimir Li Wang Zhang Chen Pak Choe Nguyen Tran Juan Raúl"
).split()
_SURNAME_STEMS = (
    "Sorok Petr Ivan Kuznets Smirn Vasil Morozov Volk Alekse Lebed Kozl Novik Sokol Pavl "
    "Stepan Nikitin Orl Andre Makar Zakhar Zaits Solov Borisov Yakovl Grigor Roman Vorobi "
    "Sergey Fedor Frolov Alexandr Dmitri Koroliov Gusev Kiselev Ilyin Maximov Polyak Sorokin "
    "Vinogradov Kovalev Beloussov Medvedev Antonov Tarasov Zhukov Baranov Filippov Komarov "
    "Davydov Belyaev Gerasimov Bogdanov Osipov Sidorov Matveev Titov Markov Mironov Krylov "
    "Kulikov Karpov Vlasov Melnikov Denisov Gavrilov Tikhonov Kazakov Afanasiev Danilov "
    "Savelyev Timofeev Fomin Chernov Abramov Martynov Efimov Fedotov Shcherbakov Nazarov "
    "Kalinin Isaev Chernyshev Bykov Maslov Rodionov Kononov Lazarev Nikolaev Gorbunov Kudryavtsev"
).split()
_PATRONYMICS = "Aleksandrovich Ivanovich Petrovich Sergeevich Nikolaevich Mikhailovich Fedorovich Andreevich".split()

# Transliteration pairs the archive's translators do not agree on; applied to make variants.
_SPELLINGS = (("ii", "y"), ("ii", "i"), ("Iu", "Yu"), ("ev", "yev"), ("kov", "koff"), ("skii", "sky"),
              ("Aleksandr", "Alexander"), ("Alexei", "Aleksei"), ("Fedor", "Fyodor"), ("Semen", "Semyon"),
              ("Petr", "Pyotr"), ("Stanisław", "Stanislaw"), ("Józef", "Jozef"), ("š", "s"), ("ě", "e"))

PLACES = (
    "Moscow Leningrad Kiev Minsk Tbilisi Beijing Shanghai Belgrade Zagreb Berlin Warsaw Budapest "
    "Prague Bucharest Sofia Tirana Pyongyang Hanoi Havana Ulaanbaatar Washington London Paris "
    "Geneva Vienna Helsinki Bonn Rome Delhi Jakarta Cairo Baghdad Tehran Ankara Athens Seoul"
).split()

# Organizations: (full name, short form).
ORGANIZATIONS = (
    ("Central Committee of the Communist Party of the Soviet Union", "CC CPSU"),
    ("Presidium of the Central Committee of the Communist Party of the Soviet Union", "CC CPSU Presidium"),
    ("Council of Ministers of the USSR", "Council of Ministers"),
    ("Ministry of Foreign Affairs of the USSR", "MFA USSR"),
    ("Ministry of Internal Affairs of the USSR", "MVD"),
    ("Committee for State Security", "KGB"),
    ("League of Communists of Yugoslavia", "LCY"),
    ("Central Committee of the League of Communists of Yugoslavia", "CC LCY"),
    ("Communist Party of China", "CCP"),
    ("Socialist Unity Party of Germany", "SED"),
    ("Polish United Workers' Party", "PZPR"),
    ("Hungarian Working People's Party", "MDP"),
    ("Communist Party of Czechoslovakia", "KSČ"),
    ("Workers' Party of Korea", "WPK"),
    ("Romanian Workers' Party", "PMR"),
    ("Bulgarian Communist Party", "BCP"),
    ("Party of Labour of Albania", "PLA"),
    ("Warsaw Treaty Organization", "Warsaw Pact"),
    ("Council for Mutual Economic Assistance", "CMEA"),
    ("United Nations", "UN"),
)

OFFICES = (
    "First Secretary of the Central Committee of the Communist Party of the Soviet Union",
    "Chairman of the Council of Ministers of the USSR",
    "Minister of Foreign Affairs of the USSR",
    "Soviet Ambassador to the People's Republic of China",
    "Soviet Ambassador to Yugoslavia",
    "Secretary of the CC CPSU",
    "Head of the International Department of the CC CPSU",
    "First Secretary of the Socialist Unity Party of Germany",
    "Chairman of the Communist Party of China",
    "Premier of the State Council of the People's Republic of China",
    "Counsellor of the Soviet Embassy in Pyongyang",
    "Chief of the General Staff",
    "Hungarian Minister in Moscow",
    "Polish Ambassador to the USSR",
)

TOPICS = (
    "the German question", "the Korean armistice", "trade relations", "the Berlin crisis",
    "the rehabilitation of the doctors", "economic assistance", "the border dispute",
    "the situation in Hungary", "the nuclear test ban", "the Warsaw Pact", "grain deliveries",
    "the exchange of ambassadors", "the peace treaty", "the Suez crisis", "the Congo",
    "the Cuban missile crisis", "Vietnam", "the Sino-Soviet split", "disarmament",
    "the repatriation of prisoners of war", "the amnesty", "the five-year plan",
)

LANGUAGES = (
    "Russian", "Russian", "Russian", "Russian", "German", "Chinese", "Serbo-Croatian", "Polish",
    "Hungarian", "Czech", "Romanian", "Bulgarian", "Korean", "Vietnamese", "Mongolian", "Albanian",
    "English", "French", "Spanish", "Italian", "Russian, German", "Chinese, Russian",
)

# Archives and how the citation writes a reference to each; {…} slots are filled per record.
ARCHIVE_PATTERNS = (
    "AP RF, f. {f}, op. {op}, d. {d}, ll. {l1}-{l2}",
    "APRF, f. {f}, op. {op}, d. {d}, l. {l1}",
    "AVPRF f. {f4}, op. {op}, {year}, p. {p}, d. {d}",
    "AVP RF, f. {f4}, op. {op}, p. {p}, d. {d}, ll. {l1}-{l2}",
    "RGASPI, f. {f}, op. {op}, d. {d}, ll. {l1}-{l2}",
    "RGANI, f. {f}, op. {op}, d. {d}, l. {l1}",
    "TsAMO, f. {f}, op. {op}, d. {d}",
    "GARF, f. R-{f4}, op. {op}, d. {d}, ll. {l1}-{l2}",
    "SAPMO-BArch, DY 30/IV 2/2.{a3}/{d}",
    "SAPMO-BArch, DY 30/J IV 2/202/{d}",
    "Arhiv Jugoslavije [National Archives of Yugoslavia], Arhiv CK SKJ [Central Committee of the League of Communists of Yugoslavia Collection], {a3} / IX, {d}/I-{l1}",
    "Arhiv Jugoslavije [National Archives of Yugoslavia], KPR I-3-a/{d}",
    "Archiwum Akt Nowych [Archive of Modern Records], KC PZPR, XI A/{d}, {l1}-{l2}",
    "Magyar Nemzeti Levéltár [Hungarian National Archives], MOL XIX-J-1-j, Box {p}, {a3}",
    "Národní archiv [National Archives of the Czech Republic], A ÚV KSČ, f. 02/1, sv. {p}, a.j. {d}",
    "Arhivele Naţionale ale României [National Archives of Romania], CC RCP Chancellery, file {d}/{year}",
    "Central State Archive, Sofia, fond 1-B, op. {op}, a.e. {d}",
    "PRC FMA, {f4}-{a5}-0{p}, {l1}-{l2}",
    "Archive of the Ministry of Foreign Affairs of the Russian Federation, f. {f4}, op. {op}, d. {d}",
    "Politisches Archiv des Auswärtigen Amtes, MfAA, A {a5}",
    "Hoover Institution Archives, {region} Collection, Box {p}, Folder {d}",
    "State Archive of {region} Oblast (GA{abbr}O), f. P-{f}, op. {op}, d. {d}, ll. {l1}-{l2}",
    "Regional Party Archive of {region}, f. {f}, op. {op}, d. {d}",
    "National Archives and Records Administration, RG 59, Box {a3}",
    "The National Archives (UK), FO 371/{a5}",
)

REGIONS = (
    "Leningrad Sverdlovsk Novosibirsk Kharkov Odessa Lvov Irkutsk Khabarovsk Primorye Murmansk "
    "Arkhangelsk Kaliningrad Rostov Krasnodar Stavropol Volgograd Saratov Kazan Perm Omsk Tomsk "
    "Chelyabinsk Kursk Orel Tula Ryazan Smolensk Pskov Novgorod Vologda Yaroslavl Kostroma"
).split()

PERIODICALS = (
    "Istochnik", "CWIHP Bulletin", "Voprosy istorii", "Istoricheskii arkhiv", "Novaya i noveishaya istoriya",
    "Vestnik Arkhiva Prezidenta", "Cold War History", "Diplomaticheskii vestnik", "Mezhdunarodnaya zhizn",
    "Journal of Cold War Studies", "Dangdai Zhongguo shi yanjiu", "Zeitschrift für Geschichtswissenschaft",
)

TRANSLATORS = (
    "Vladislav M. Zubok", "Svetozar Rajak", "Gary Goldberg", "Mark H. Doctoroff", "Christian F. Ostermann",
    "Malcolm Byrne", "Chen Jian", "Sergey Radchenko", "Kathryn Weathersby", "Mark Kramer",
    "Leopoldo Nuti", "Csaba Bekes", "Vojtech Mastny", "David Wolff", "Austin Jersild", "James Person",
)

KINDS = (  # (title word, weight)
    ("Letter", 30), ("Telegram", 14), ("Cable", 5), ("Memorandum", 8),
    ("Memorandum of Conversation", 10), ("Record of Conversation", 9), ("Minutes", 6), ("Report", 8),
    ("Note", 3), ("Speech", 2), ("Resolution", 2), ("Decree", 1), ("Diary Entry", 1), ("Instruction", 1),
)


@lru_cache(maxsize=8)
def people(pool_size: int = 4000, seed: int = 0) -> tuple[Person, ...]:
    """The historical figures first, then ``pool_size`` fictional people, each with variants.

    Ordered by how often records name them (a Zipf-like rank), as in a real archive where a
    few leaders appear everywhere and most people once or twice.
    """
    pool = [Person(row[0], row, row[-1]) for row in HISTORICAL]
    rng = random.Random(f"people:{seed}")
    seen: set[str] = {person.full for person in pool}
    while len(pool) < len(HISTORICAL) + pool_size:
        person = _fictional(rng)
        if person.full not in seen:
            seen.add(person.full)
            pool.append(person)
    return tuple(pool)


def _fictional(rng: random.Random) -> Person:
    first, stem, patronymic = rng.choice(_FIRST), rng.choice(_SURNAME_STEMS), rng.choice(_PATRONYMICS)
    surname = stem if stem.endswith(("ov", "ev", "in")) else stem + rng.choice(("ov", "ev", "in", "skii", "enko"))
    initial = f"{first[0]}.{patronymic[0]}."
    full = f"{first} {patronymic[0]}. {surname}"
    variants = {full, f"{first} {surname}", f"{initial} {surname}", f"{first} {patronymic}", surname}
    for old, new in _SPELLINGS:  # the same person, transliterated differently
        if old in full and rng.random() < 0.5:
            variants.add(f"{first} {surname}".replace(old, new))
    return Person(full, (full, *sorted(variants - {full})), surname)

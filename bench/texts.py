"""Bilingual (en, es) prose for generated drafts: parallel phrases, so paragraph N is the same in both.

Each paragraph is assembled from the same phrase choices in both languages, so the
Spanish file has exactly the line structure of the English one and the two read as
translations. Texts carry what real OAS texts carry: accents, curly quotes and
apostrophes (“ ” ’), document symbols and place names.
"""

from __future__ import annotations

import random

PLACES = ["Bogotá", "Asunción", "San José", "Panamá", "Brasília", "Mérida", "Medellín", "Nuevo León", "Cancún"]

#: Operative openings: a subject and a verb that takes an infinitive.
OPENINGS = [
    ("To urge the member states to", "Instar a los Estados Miembros a"),
    ("To encourage the member states to", "Alentar a los Estados Miembros a"),
    ("To invite the permanent observer states to", "Invitar a los Estados observadores permanentes a"),
    ("To instruct the General Secretariat to", "Encomendar a la Secretaría General"),
    ("To request the Permanent Council to", "Solicitar al Consejo Permanente"),
    ("To call upon the states parties to", "Exhortar a los Estados partes a"),
    ("To reaffirm the commitment of the member states to", "Reafirmar el compromiso de los Estados Miembros de"),
    (
        "To entrust the Inter-American Commission on Human Rights to",
        "Encargar a la Comisión Interamericana de Derechos Humanos",
    ),
]

#: Lettered sub-paragraphs and appendix items open with a bare verb or noun.
SUB_OPENINGS = [
    ("Strengthen", "Fortalecer"),
    ("Promote", "Promover"),
    ("Consider", "Considerar"),
    ("Continue supporting", "Continuar apoyando"),
    ("Present to the Permanent Council a report on", "Presentar al Consejo Permanente un informe sobre"),
    ("Facilitate", "Facilitar"),
    ("Review", "Examinar"),
]
ITEM_OPENINGS = [
    ("Experiences of", "Experiencias de"),
    ("Dialogue on", "Diálogo sobre"),
    ("Presentation of", "Presentación de"),
    ("Preliminary conclusions on", "Conclusiones preliminares sobre"),
    ("Review of", "Examen de"),
]

ACTIONS = [
    ("strengthen the mechanisms for hemispheric cooperation", "fortalecer los mecanismos de cooperación hemisférica"),
    ("adopt effective measures against trafficking in persons", "adoptar medidas eficaces contra la trata de personas"),
    (
        "guarantee the right to information on consular assistance",
        "garantizar el derecho a la información sobre la asistencia consular",
    ),
    (
        "promote dignified and humane treatment of all migrants",
        "promover un trato digno y humano de todos los migrantes",
    ),
    (
        "consider the signature and ratification of the inter-American instruments",
        "considerar la firma y ratificación de los instrumentos interamericanos",
    ),
    (
        "facilitate access to the labor market and to social services",
        "facilitar el acceso al mercado laboral y a los servicios sociales",
    ),
    ("improve their migration policies and practices", "mejorar sus políticas y prácticas migratorias"),
    ("eliminate discrimination, racism and xenophobia", "eliminar la discriminación, el racismo y la xenofobia"),
    (
        "share best practices on the integration of migrants",
        "intercambiar mejores prácticas sobre la integración de los migrantes",
    ),
    (
        "provide the Office of the Special Rapporteur with adequate means",
        "dotar a la Relatoría Especial de medios adecuados",
    ),
]

SUBJECTS = [
    ("the member states’ migration authorities", "las autoridades migratorias de los Estados Miembros"),
    (
        "the American Declaration of the Rights and Duties of Man",
        "la Declaración Americana de los Derechos y Deberes del Hombre",
    ),
    ("the Inter-American Court of Human Rights", "la Corte Interamericana de Derechos Humanos"),
    ("the Heads of State and Government", "los Jefes de Estado y de Gobierno"),
    ("the Special Rapporteur on Migrant Workers", "el Relator Especial sobre Trabajadores Migratorios"),
    ("the International Organization for Migration", "la Organización Internacional para las Migraciones"),
    ("practically all countries", "prácticamente todos los países"),
    ("the Inter-American Council for Integral Development", "el Consejo Interamericano para el Desarrollo Integral"),
]

PREDICATES = [
    (
        "recognized the cultural and economic contributions made by migrants",
        "reconocieron las contribuciones culturales y económicas de los migrantes",
    ),
    ("proclaims that all persons are equal before the law", "proclama que todas las personas son iguales ante la ley"),
    (
        "affirmed that a person’s migratory status cannot justify denying them their human rights",
        "afirmó que la calidad migratoria de una persona no puede justificar la privación de sus derechos humanos",
    ),
    (
        "are countries of origin, transit and destination for migrants",
        "son países de origen, tránsito y destino de migrantes",
    ),
    (
        "identified support for vulnerable groups as a priority",
        "identificó el apoyo a los grupos vulnerables como una prioridad",
    ),
    (
        "highlighted the importance of cooperation among countries",
        "destacaron la importancia de la cooperación entre los países",
    ),
    ("has carried out valuable work in the Hemisphere", "ha realizado una labor valiosa en el Hemisferio"),
]

CLAUSES = [
    ("in accordance with applicable international law", "de conformidad con el derecho internacional aplicable"),
    (
        "with a view to ensuring full protection of the human rights of all migrants",
        "con miras a asegurar la plena protección de los derechos humanos de todos los migrantes",
    ),
    (
        "taking into account the work of the Inter-American Commission on Human Rights",
        "teniendo en cuenta la labor de la Comisión Interamericana de Derechos Humanos",
    ),
    (
        "including migrant workers and members of their families",
        "incluidos los trabajadores migratorios y los miembros de sus familias",
    ),
    ("pursuant to the Declaration of {place}", "conforme a la Declaración de {place}"),
    (
        "within the resources allocated in the program-budget of the Organization",
        "dentro de los recursos asignados en el programa-presupuesto de la Organización",
    ),
    (
        "in the framework of the “Inter-American Program for the Promotion and Protection of the Human Rights of Migrants”",
        "en el marco del “Programa Interamericano para la Promoción y Protección de los Derechos Humanos de los Migrantes”",
    ),
    ("bearing in mind the Convention of Belém do Pará", "teniendo presente la Convención de Belém do Pará"),
    ("as set forth in the Protocol of San Salvador", "según lo establecido en el Protocolo de San Salvador"),
    (
        "as recalled in resolution AG/RES. {res} (XXX{rom}-O/0{yr})",
        "como se recuerda en la resolución AG/RES. {res} (XXX{rom}-O/0{yr})",
    ),
    (
        "with the participation of civil society organizations",
        "con la participación de las organizaciones de la sociedad civil",
    ),
    (
        "in coordination with the countries of origin, transit and destination",
        "en coordinación con los países de origen, tránsito y destino",
    ),
    (
        "on the basis of the meeting held in {place} in {year}",
        "sobre la base de la reunión celebrada en {place} en {year}",
    ),
    (
        "so that the “{place} principles” are applied without discrimination",
        "para que los “principios de {place}” se apliquen sin discriminación",
    ),
    (
        "paying special attention to women, children and indigenous peoples",
        "prestando especial atención a las mujeres, los niños y los pueblos indígenas",
    ),
    (
        "and to report on the matter to the General Assembly at its next regular session",
        "e informar al respecto a la Asamblea General en su próximo período ordinario de sesiones",
    ),
]

RECITAL_VERBS = [
    ("REAFFIRMING that", "REAFIRMANDO que"),
    ("EMPHASIZING that", "DESTACANDO que"),
    ("RECOGNIZING that", "RECONOCIENDO que"),
    ("CONCERNED that", "PREOCUPADA porque"),
    ("NOTING WITH SATISFACTION that", "OBSERVANDO CON SATISFACCIÓN que"),
    ("RECALLING that", "RECORDANDO que"),
    ("BEARING IN MIND that", "TENIENDO PRESENTE que"),
]
GROUP_OPENERS = [
    ("CONSIDERING:", "CONSIDERANDO:"),
    ("TAKING INTO ACCOUNT:", "TENIENDO EN CUENTA:"),
    ("BEARING IN MIND:", "TENIENDO PRESENTE:"),
    ("RECALLING:", "RECORDANDO:"),
    ("NOTING:", "OBSERVANDO:"),
]
#: Paragraphs inside a group open with an ordinary word (never a word in capitals).
GROUP_STARTS = [("That", "Que"), ("That", "Que"), ("The fact that", "El hecho de que")]

#: Words delegations insert or substitute (replace, insert) in each language.
AMENDMENT_WORDS = [
    ("in no case", "en ningún caso"),
    ("as appropriate", "según corresponda"),
    ("to the extent possible", "en la medida de lo posible"),
    ("without delay", "sin demora"),
    ("progressively", "progresivamente"),
    ("in particular", "en particular"),
    ("with full respect for national sovereignty", "con pleno respeto de la soberanía nacional"),
    ("the “Program of Action of {place}”", "el “Programa de Acción de {place}”"),
    ("the states’ obligations", "las obligaciones de los Estados"),
    ("and its Spanish-speaking partners in Asunción", "y sus socios hispanohablantes en Asunción"),
]

STATEMENTS = [
    (
        "The delegation of {who} joins the consensus on this paragraph on the understanding that advisory opinions of the Inter-American Court are not binding.",
        "La delegación de {who} se suma al consenso sobre este párrafo en el entendido de que las opiniones consultivas de la Corte Interamericana no son vinculantes.",
    ),
    (
        "The delegation of {who} reserves its position on the term “applicable” pending consultations with its capital in {place}.",
        "La delegación de {who} reserva su posición sobre el término “aplicable” en espera de consultas con su capital en {place}.",
    ),
    (
        "{who} understands that nothing in this text creates new obligations for states that are not party to the instruments cited.",
        "{who} entiende que nada en este texto crea nuevas obligaciones para los Estados que no son parte de los instrumentos citados.",
    ),
]

ROMAN_TENS = ["", "X", "XX"]


def _fill(pair: tuple[str, str], rng: random.Random) -> tuple[str, str]:
    """Fill a phrase's slots (place, year, resolution number) identically in both languages."""
    values = {
        "place": rng.choice(PLACES),
        "year": str(rng.randint(1998, 2005)),
        "res": str(rng.randint(1700, 2150)),
        "rom": ["I", "II", "III", "IV", "V"][rng.randint(0, 4)],
        "yr": str(rng.randint(0, 5)),
        "who": "",
    }
    return pair[0].format(**values), pair[1].format(**values)


def _grow(head: tuple[str, str], rng: random.Random, lo: int, hi: int, end: str) -> tuple[str, str]:
    """``head`` followed by clauses until the English text has between ``lo`` and ``hi`` words."""
    target = rng.randint(lo, hi)
    en, es = head
    clauses = CLAUSES[:]
    rng.shuffle(clauses)
    for clause in clauses * 3:
        if len(en.split()) >= target:
            break
        c_en, c_es = _fill(clause, rng)
        sep = rng.choice([", ", ", ", "; and ", ", and "])
        sep_es = {", ": ", ", "; and ": "; y ", ", and ": ", y "}[sep]
        if len(en.split()) + len(c_en.split()) > hi:
            continue
        en, es = en + sep + c_en, es + sep_es + c_es
    return en + end, es + end


def operative(rng: random.Random, intro: bool = False) -> tuple[str, str]:
    o_en, o_es = rng.choice(OPENINGS)
    a_en, a_es = rng.choice(ACTIONS)
    if intro:  # a paragraph that introduces lettered sub-paragraphs ends with a colon
        return _grow((f"{o_en} {a_en}", f"{o_es} {a_es}"), rng, 12, 30, ":")
    return _grow((f"{o_en} {a_en}", f"{o_es} {a_es}"), rng, 40, 120, ".")


def subparagraph(rng: random.Random) -> tuple[str, str]:
    s_en, s_es = rng.choice(SUB_OPENINGS)
    a_en, a_es = rng.choice(ACTIONS)
    return _grow((f"{s_en} the efforts to {a_en}", f"{s_es} los esfuerzos para {a_es}"), rng, 40, 120, ";")


def recital(rng: random.Random, grouped: bool) -> tuple[str, str]:
    v_en, v_es = rng.choice(GROUP_STARTS if grouped else RECITAL_VERBS)
    s_en, s_es = rng.choice(SUBJECTS)
    p_en, p_es = rng.choice(PREDICATES)
    return _grow((f"{v_en} {s_en} {p_en}", f"{v_es} {s_es} {p_es}"), rng, 40, 120, ";")


def appendix_item(rng: random.Random) -> tuple[str, str]:
    i_en, i_es = rng.choice(ITEM_OPENINGS)
    s_en, s_es = rng.choice(SUBJECTS)
    return _grow((f"{i_en} {s_en}", f"{i_es} {s_es}"), rng, 40, 120, "")


def amendment_words(rng: random.Random) -> tuple[str, str]:
    return _fill(rng.choice(AMENDMENT_WORDS), rng)


def statement(rng: random.Random, who_en: str, who_es: str) -> tuple[str, str]:
    pair = rng.choice(STATEMENTS)
    place = rng.choice(PLACES)
    return pair[0].format(who=who_en, place=place), pair[1].format(who=who_es, place=place)


def roman(n: int) -> str:
    """Roman numerals up to 39 (the importer reads at most six letters)."""
    units = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    return ROMAN_TENS[n // 10] + units[n % 10] if n < 30 else "XXX" + units[n - 30]

"""The flagship example: how the Korean War began, in two accounts and two documents, thesis by thesis.

The sources are pages 249-252 of Chen Jian and Yang Kuisong's chapter in *Brothers in Arms*
(1998), a scholarly account built on Russian and Chinese archives; a 2016 blog post by
"hanngill" that reads Stalin's letter to Gottwald of 27 August 1950 as proof that Stalin wanted
the United States in Korea and decided China's entry; and the two documents that post prints in
full, read there (``quoted_in="hanngill"``): that letter, and the cable of 26 October 1949 from
"Filippov" (Stalin) to Mao Zedong. The letter's words are cited as the letter's, the blog's
reading of them as the blog's. Every quote below is located in its source by argmap; the report
prints, per thesis, what each source holds and on which pages.

Run from the repository root::

    python examples/korean_war/build.py      # or: make demo

or import it: ``build_map()`` returns the map, ``main()`` prints the report.
"""

from __future__ import annotations

from pathlib import Path

from argmap import ArgumentMap, Match, Source
from argmap.citation import full_note

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"

TITLE = "The origins of the Korean War, 1950: Chen & Yang (1998), hanngill (2016) and two Stalin documents compared"


def load_sources() -> tuple[Source, ...]:
    """The two seed texts, and the two documents the blog prints, with the metadata a citation needs.

    Each host comes before the sources read inside it (``quoted_in``)."""
    chen = Source.from_file(
        SOURCES / "westad-brothers-in-arms-pp249-252.txt",
        key="chen",
        authors=["CHEN Jian", "YANG Kuisong"],  # family names in capitals: Chinese order, no inversion
        title="Chinese Politics and the Collapse of the Sino-Soviet Alliance",
        container_title="Brothers in Arms: The Rise and Fall of the Sino-Soviet Alliance, 1945\u20131963",
        editors=["Odd Arne Westad"],
        publisher="Woodrow Wilson Center Press",
        place="Washington, DC",
        year=1998,
        kind="secondary",
        csl_type="chapter",
        # The scraped pages carry "page_250<br/>" and "Page 250" before each page; the second
        # gives the page number, the first is debris, and footnote numbers stand on their own line.
        page_pattern=r"^Page (\d+)$",
        ignore=[r"^page_\d+<br/>$", r"^\d{1,3}$"],
    )
    hanngill = Source.from_file(
        SOURCES / "hanngill-2016-origin-of-the-korean-war.txt",
        key="hanngill",
        authors=["hanngill"],
        title="Origin of the Korean War 1950",
        # The post sits in the category "연구하는 인생 / Histrory" of a blog whose own name the
        # saved text does not give; better no container title than an invented one.
        date="2016-11-18",
        year=2016,
        kind="secondary",
        csl_type="post-weblog",
    )
    # The two documents the blog prints in full, each read in the blog (its text is the blog's
    # text; the quotes below are placed in the document's own lines, not the blog's paraphrase).
    letter = Source.from_file(
        SOURCES / "hanngill-2016-origin-of-the-korean-war.txt",
        key="stalin-letter",
        authors=["Joseph Stalin"],  # signed "FILIPPOV", Stalin's pseudonym
        title="to Klement Gottwald",  # a letter's descriptive title: "Joseph Stalin to Klement Gottwald"
        date="1950-08-27",
        year=1950,
        kind="primary",
        csl_type="letter",
        quoted_in="hanngill",  # the blog's Document 1
    )
    cable = Source.from_file(
        SOURCES / "hanngill-2016-origin-of-the-korean-war.txt",
        key="filippov-cable",
        # Sent as "Filippov" (Stalin) and drafted by Molotov, as the blog's heading says; no
        # metadata field holds a drafter, so the cable is Stalin's, the drafter named here and in
        # the notes of its quotes.
        authors=["Joseph Stalin"],
        title="to MAO Zedong",  # family name first, in capitals
        date="1949-10-26",
        year=1949,
        kind="primary",
        csl_type="letter",  # a cable; CSL has no type of its own for it
        quoted_in="hanngill",  # the blog's Document 2
    )
    return chen, hanngill, letter, cable


def add_theses(m: ArgumentMap) -> None:
    """The theses a historian comparing the two texts would name, in reading order."""
    # Stalin's aims
    m.add_thesis(
        "stalin-wanted-us-intervention",
        "Stalin wanted the United States to intervene militarily in Korea.",
    )
    m.add_thesis(
        "soviet-boycott-deliberate",
        "The Soviet absence from the UN Security Council, which let it vote for intervention in Korea, was deliberate.",
    )
    m.add_thesis(
        "war-diverted-us-from-europe",
        "Stalin valued the Korean War because it diverted the United States from Europe.",
    )
    m.add_thesis(
        "third-world-war-postponed",
        "Stalin expected the Korean War to exhaust the United States and so postpone a third world war.",
    )
    m.add_thesis(
        "stalin-feared-clash",
        "Stalin feared a direct military clash between the Soviet Union and the United States.",
    )
    # How the war began
    m.add_thesis(
        "kims-war",
        "The Korean War was Kim Il Sung's war, begun on his own judgment.",
    )
    m.add_thesis(
        "moscow-restrained-kim-1949",
        "In 1949 Moscow held Kim Il Sung back from attacking the South.",
    )
    m.add_thesis(
        "stalin-endorsed-after-acheson",
        "Stalin endorsed Kim's plan to invade the South only after Acheson's speech of January 1950.",
    )
    m.add_thesis(
        "mao-reluctant",
        "Mao did not want a war in Korea before the PLA had taken Taiwan.",
    )
    m.add_thesis(
        "mao-green-light",
        "Mao virtually gave Kim a green light to invade the South.",
    )
    # China's entry
    m.add_thesis(
        "korea-tested-alliance",
        "China's entry into the Korean War was the first major test of the Sino-Soviet alliance.",
    )
    m.add_thesis(
        "china-counted-on-soviet-support",
        "Beijing prepared to enter the war counting on the military support promised by the alliance.",
    )
    m.add_thesis(
        "stalin-withheld-support",
        "After Inchon, Stalin backed away from the military support he had promised China.",
    )
    m.add_thesis(
        "stalin-pushed-china-in",
        "Stalin pressed China to send its troops into Korea.",
    )
    m.add_thesis(
        "stalin-wanted-us-china-war",
        "Stalin sought to draw the United States and China into war with each other.",
    )
    m.add_thesis(
        "china-entry-stalins-decision",
        "China's entry into the Korean War was Stalin's decision, not Mao's.",
    )
    m.add_thesis(
        "china-entry-planned-before-war",
        "China's intervention was planned before the war began, as one of its preconditions.",
    )


def add_evidence(m: ArgumentMap) -> None:
    """Quotes from the four sources, each with its stance and, where it needs one, a historian's note.

    The letter's and the cable's words are cited as theirs (the blog prints them); what the blog
    itself writes about them is cited as the blog's."""
    # -- Stalin wanted US intervention: the blog's headline claim, read into the letter; Chen's
    #    Stalin feared it.
    m.cite(
        "stalin-wanted-us-intervention", "hanngill",
        "Stalin not only predicted but actually wanted U.S. intervention",
        "supports",
    )  # fmt: skip
    m.cite(
        "stalin-wanted-us-intervention", "stalin-letter",
        "fourth, to give American government a free hand to gain the majority vote in the Security "
        "Council, make more mistakes, and show its true colors to the public.",
        "supports",
        note="The fourth of the letter's reasons for staying away from the Security Council, given two "
        "months into the war: a motive avowed after the event.",
    )  # fmt: skip
    m.cite(
        "stalin-wanted-us-intervention", "stalin-letter",
        "Following our withdrawal form the Security Council, America has become entangled in the "
        "military intervention in Korea and is now wasting away its military prestige and moral authority.",
        "supports",
        note="The letter welcomes the intervention after the fact; 'form' for 'from' is the blog's typo, "
        "copied as it stands.",
    )  # fmt: skip
    m.cite(
        "stalin-wanted-us-intervention", "chen",
        "Stalin initially feared that such a war could result in direct military conflict between the "
        "Soviet Union and the United States",
        "contests",
        note="Chen and Yang's Stalin feared that a war in Korea would bring the Americans in.",
    )  # fmt: skip
    m.cite(
        "stalin-wanted-us-intervention", "chen",
        "thus enhancing Stalin's determination to back Kim's plans to invade the South",
        "contests",
        prefix="it was unlikely that the United States would involve itself in a revolutionary civil war "
        "in East Asia,",
        note="Stalin's resolve grew as Mao assured him the Americans would stay out: he backed the war "
        "expecting no US intervention.",
    )  # fmt: skip

    # -- The Security Council boycott: the letter's reasons and the blog's reading; Chen says nothing.
    m.cite(
        "soviet-boycott-deliberate", "stalin-letter",
        "We left the Security Council for four reasons:",
        "supports",
    )  # fmt: skip
    m.cite(
        "soviet-boycott-deliberate", "hanngill",
        'Stalin clearly states that to give the American government a free hand to gain a majority vote '
        'in the Security Council" is one of his goals in boycotting the UNSC.',
        "supports",
        note="The blog opens no quotation mark, only closes one (a curly \u201d); typed straight here.",
    )  # fmt: skip
    m.cite(
        "soviet-boycott-deliberate", "hanngill",
        "Stalin wished to provide the moral legitimacy granted through a UNSC resolution, by abstaining "
        "from the critical vote.",
        "supports",
    )  # fmt: skip
    m.cite(
        "soviet-boycott-deliberate", "stalin-letter",
        "I believe that we have achieved all of these goals.",
        "supports",
        note="The first two reasons concern China's seat, over which the boycott began in January 1950, "
        "months before the war; only the fourth bears on Korea.",
    )  # fmt: skip
    m.cite(
        "soviet-boycott-deliberate", "stalin-letter",
        "We might leave the Security Council again and come back once again, depending on what the "
        "international situation is like.",
        "supports",
        note="Absence and return as tools of policy, chosen as circumstances require.",
    )  # fmt: skip

    # -- The US diverted from Europe.
    m.cite(
        "war-diverted-us-from-europe", "stalin-letter",
        "it is clear that the United States of America is presently diverted from Europe",
        "supports",
        suffix="to the Far East",
        note="The letter says 'diverted from Europe to the Far East'; the blog's analysis misquotes it "
        "as 'from Europe and the Far East'. The suffix picks the letter's own words.",
    )  # fmt: skip
    m.cite(
        "war-diverted-us-from-europe", "stalin-letter",
        "Does it not give us an advantage in the global balance of power? It surely does.",
        "supports",
        occurrence=2,
        note="Second of three occurrences in the blog's text: the first is the blog's own quotation of "
        "it; this is the letter's, after the diversion from Europe.",
    )  # fmt: skip
    m.cite(
        "war-diverted-us-from-europe", "hanngill",
        "the Korean War was seen as an opportunity for the Soviet Union and the socialist camp to rest and "
        "strengthen socialism in Europe as it diverted American interests and resources from that continent.",
        "supports",
    )  # fmt: skip

    # -- A third world war postponed.
    m.cite(
        "third-world-war-postponed", "stalin-letter",
        "Therefore, the third world war would be postponed for an unspecified period",
        "supports",
        suffix=", giving enough time to strengthen socialism in Europe",
        note="The letter's sentence; the suffix passes over the blog's paraphrase, which repeats it.",
    )  # fmt: skip
    m.cite(
        "third-world-war-postponed", "hanngill",
        "postponement of the third world war was a clear strategic advantage which the Soviet Union and "
        "the socialist camp obtained from the Korean War.",
        "supports",
    )  # fmt: skip

    # -- Stalin feared a direct clash with the US: Chen, repeatedly.
    m.cite(
        "stalin-feared-clash", "chen",
        "Stalin initially feared that such a war could result in direct military conflict between the "
        "Soviet Union and the United States",
        "supports",
    )  # fmt: skip
    m.cite(
        "stalin-feared-clash", "chen",
        "First, he never made the commitment to use Soviet military forces in Korea.",
        "supports",
    )  # fmt: skip
    m.cite(
        "stalin-feared-clash", "chen",
        "He became more determined than ever to avoid a direct military confrontation with the United "
        "States.",
        "supports",
    )  # fmt: skip

    # -- Kim's war: Chen's phrase; the blog locates the war's cause in Stalin's aims.
    m.cite(
        "kims-war", "chen",
        "the Korean War was, first of all, North Korean leader Kim Il Sung's war, which he initiated on the "
        "basis of his judgment (or misjudgment) of the revolutionary situation existing on the Korean "
        "peninsula.",
        "supports",
    )  # fmt: skip
    m.cite(
        "kims-war", "hanngill",
        "this letter reveals what Stalin sought to achieve through the Korean War and sheds light on why "
        "the Korean War occurred.",
        "contests",
        note="The blog explains why the war occurred by what Stalin sought, not by Kim's judgment.",
    )  # fmt: skip

    # -- Moscow held Kim back in 1949: Chen, and the cable the blog prints (the blog itself is silent).
    m.cite(
        "moscow-restrained-kim-1949", "chen",
        "he did not endorse Kim's plans of unifying his country by military means until the end of "
        "January 1950",
        "supports",
    )  # fmt: skip
    m.cite(
        "moscow-restrained-kim-1949", "filippov-cable",
        "We have also already advised to our Korean friends that the KPA cannot engage in an assault on "
        "the South.",
        "supports",
        note="The cable, drafted by Molotov and signed Filippov, is the blog's Document 2; the blog "
        "prints it without comment.",
    )  # fmt: skip
    m.cite(
        "moscow-restrained-kim-1949", "filippov-cable",
        "they [the North Koreans] are ill prepared for assault",
        "supports",
    )  # fmt: skip
    m.cite(
        "moscow-restrained-kim-1949", "filippov-cable",
        "our Korean friends, in their fight to unify Korea, should concentrate their efforts on developing "
        "the guerilla campaign",
        "supports",
        note="Moscow's line in October 1949: guerrilla war in the South, not an invasion.",
    )  # fmt: skip

    # -- Acheson's speech.
    m.cite(
        "stalin-endorsed-after-acheson", "chen",
        "he did not endorse Kim's plans of unifying his country by military means until the end of "
        "January 1950, when U.S. Secretary of State Dean Acheson's statement ... appears to have convinced "
        "him that direct U.S. military intervention in the peninsula was unlikely.",
        "supports",
        note="'appears to have': Chen and Yang infer the link from the timing.",
    )  # fmt: skip

    # -- Mao's reluctance: Chen, and the cable the blog prints (Moscow agreeing with Mao's view).
    m.cite(
        "mao-reluctant", "chen",
        "Mao and his comrades were reluctant to see a war to break out in Korea",
        "supports",
    )  # fmt: skip
    m.cite(
        "mao-reluctant", "chen",
        "hoped that the Koreans would not initiate the invasion of the South until the Chinese People's "
        "Liberation Army (PLA) had seized Taiwan.",
        "supports",
    )  # fmt: skip
    m.cite(
        "mao-reluctant", "filippov-cable",
        "We agree with your view. At present, the Korean troops should not launch any assaults.",
        "supports",
        note="Filippov answers Mao's cable of 21 October 1949 by agreeing with his view: Mao too advised "
        "against an attack then.",
    )  # fmt: skip

    # -- Mao's green light: Chen only.
    m.cite(
        "mao-green-light", "chen",
        "it would have been inconceivable for Mao to veto Kim's plans to unify his country through a "
        "revolutionary war.",
        "supports",
    )  # fmt: skip
    m.cite(
        "mao-green-light", "chen",
        "the Chinese sent 50,000 to 70,000 Korean-nationality PLA soldiers (with weapons) back to Korea.",
        "supports",
    )  # fmt: skip
    m.cite(
        "mao-green-light", "chen",
        "As a result, Mao virtually gave Kim's plan to invade the South a green light.",
        "supports",
    )  # fmt: skip

    # -- The alliance tested.
    m.cite(
        "korea-tested-alliance", "chen",
        "The Alliance and China's Entry into the Korean War",
        "supports",
        note="The section heading; the scan reads 'Chlna's' (an OCR slip), matched approximately.",
    )  # fmt: skip
    m.cite(
        "korea-tested-alliance", "chen",
        "The first major test for the Sino-Soviet alliance came just eight months after it had been "
        "established",
        "supports",
    )  # fmt: skip

    # -- Soviet support counted on, then withheld.
    m.cite(
        "china-counted-on-soviet-support", "chen",
        "The Chinese, however, had to agree to allow the Soviets to maintain their privileges in China's "
        "Northeast and Xinjiang; in exchange, the Soviets agreed to provide more military and other "
        "material support to China",
        "supports",
        note="What the alliance promised, and its price.",
    )  # fmt: skip
    m.cite(
        "china-counted-on-soviet-support", "chen",
        "Beijing based its handling of the Korean crisis on the assumption that if China entered the "
        "Korean War, the Soviet Union would honor its obligations",
        "supports",
    )  # fmt: skip
    m.cite(
        "china-counted-on-soviet-support", "chen",
        "the Soviet Union would \u201ctry to provide air cover for these units.\u201d",
        "supports",
        note="Stalin's promise of early July 1950; the source has straight quotes.",
    )  # fmt: skip
    m.cite(
        "stalin-withheld-support", "chen",
        "Stalin's attitude regarding Soviet military assistance changed.",
        "supports",
    )  # fmt: skip
    m.cite(
        "stalin-withheld-support", "chen",
        "he did not mention what support the Soviet Union would offer China, let alone touch on the "
        "question of Soviet air support.",
        "supports",
    )  # fmt: skip

    # -- Stalin pushed China in: both texts, on different grounds.
    m.cite(
        "stalin-pushed-china-in", "chen",
        "He thus asked the Chinese to dispatch their troops to Korea.",
        "supports",
        note="Stalin's telegram of 1 October 1950.",
    )  # fmt: skip
    m.cite(
        "stalin-pushed-china-in", "chen",
        "he insisted that Kim travel to Beijing to consult with Mao Zedong, so that the Chinese Communists "
        "would share responsibility for Kim's war preparations.",
        "supports",
        note="Before the war, Stalin already tied Beijing to Kim's venture.",
    )  # fmt: skip
    m.cite(
        "stalin-pushed-china-in", "hanngill",
        "Stalin, even at this seemingly fortuitous juncture considered Chinese intervention inevitable",
        "supports",
    )  # fmt: skip

    # -- Drawing the US and China into war: the blog's inference, and the letter it draws on.
    m.cite(
        "stalin-wanted-us-china-war", "hanngill",
        "another of Stalin's major goals in the Korean War was to lead the U.S. and China into military "
        "conflict, thereby dispelling the specter of Sino-U.S rapprochement.",
        "supports",
    )  # fmt: skip
    m.cite(
        "stalin-wanted-us-china-war", "stalin-letter",
        "will also pull China into the struggle for the liberation of Korea and its own independence.",
        "supports",
        note="In the letter it is the American government that would 'pull China into the struggle'; "
        "Stalin welcomes the prospect rather than announcing a decision of his own.",
    )  # fmt: skip
    m.cite(
        "stalin-wanted-us-china-war", "stalin-letter",
        "Moreover, the struggle between America and China would put the entire Far East in a state of "
        "revolution.",
        "supports",
    )  # fmt: skip

    # -- China's entry, Stalin's decision: the blog affirms; Chen is mixed.
    m.cite(
        "china-entry-stalins-decision", "hanngill",
        "China's intervention in the Korean conflict was not a matter of its own volition but ultimately "
        "rested on Stalin's decisions.",
        "supports",
        note="Typed with straight apostrophes; the blog has curly ones.",
    )  # fmt: skip
    m.cite(
        "china-entry-stalins-decision", "hanngill",
        "This strongly hints that China's intervention had already been decided by Stalin, not by Mao.",
        "supports",
        note="'Hints': the letter of August 1950 predates China's decision of October.",
    )  # fmt: skip
    m.cite(
        "china-entry-stalins-decision", "chen",
        "In a telegram to Chinese leaders dated October 1, Stalin pointed out that the situation in Korea "
        "was grave and that without outside support, the Korean Communist regime would collapse.",
        "supports",
        note="The request that set China's decision in motion came from Stalin.",
    )  # fmt: skip
    m.cite(
        "china-entry-stalins-decision", "chen",
        "Mao favored dispatching troops to Korea.",
        "contests",
        note="The decision was argued out in Beijing, Mao pressing for it against divided colleagues.",
    )  # fmt: skip
    m.cite(
        "china-entry-stalins-decision", "chen",
        "the CCP leadership decided to dispatch Chinese troops to enter the Korean War.",
        "contests",
    )  # fmt: skip

    # -- Planned before the war? The blog suggests it; Chen shows China reacting to events.
    m.cite(
        "china-entry-planned-before-war", "hanngill",
        "This should strengthen arguments that the Chinas intervention was a precondition for the "
        "Korean War, as some have scholars argued.",
        "supports",
        note="Copied with the blog's slips ('the Chinas', 'some have scholars').",
    )  # fmt: skip
    m.cite(
        "china-entry-planned-before-war", "chen",
        "Chinese leaders quickly decided to postpone the invasion of Taiwan and to focus on dealing with "
        "the crisis in Korea.",
        "contests",
        note="Only after Truman sent the Seventh Fleet: a reaction, not a plan.",
    )  # fmt: skip
    m.cite(
        "china-entry-planned-before-war", "chen",
        "On July 13 the CCP leadership formally established a Northeast Border Defense Army, the main task "
        "of which was to prepare for military intervention in Korea in case the war turned against North "
        "Korea.",
        "contests",
        note="Preparations began three weeks into the war, and only for a contingency.",
    )  # fmt: skip


def add_relations(m: ArgumentMap) -> None:
    """How the theses bear on each other."""
    m.relate(
        "stalin-feared-clash", "stalin-wanted-us-intervention", "contests",
        note="Fearing that US intervention would bring a Soviet-American clash, Stalin would not want it.",
    )  # fmt: skip
    m.relate(
        "stalin-endorsed-after-acheson", "stalin-wanted-us-intervention", "contests",
        note="He endorsed the war once convinced the US would not intervene.",
    )  # fmt: skip
    m.relate("soviet-boycott-deliberate", "stalin-wanted-us-intervention", "supports")
    m.relate("war-diverted-us-from-europe", "stalin-wanted-us-intervention", "supports")
    m.relate(
        "third-world-war-postponed", "stalin-feared-clash", "supports",
        note="To want a world war postponed is to want no direct clash now.",
    )  # fmt: skip
    m.relate("stalin-withheld-support", "stalin-feared-clash", "supports")
    m.relate("moscow-restrained-kim-1949", "kims-war", "supports", note="The push came from Pyongyang.")
    m.relate("stalin-pushed-china-in", "china-entry-stalins-decision", "supports")
    m.relate("stalin-wanted-us-china-war", "stalin-pushed-china-in", "supports")
    m.relate(
        "china-entry-stalins-decision", "china-entry-planned-before-war", "supports",
        note="The blog's own inference.",
    )  # fmt: skip
    m.relate("mao-reluctant", "china-entry-planned-before-war", "contests")


def build_map() -> ArgumentMap:
    """Build the Korean War map from the two seed texts (every quote located)."""
    m = ArgumentMap(
        title=TITLE,
        description="Who wanted the war, who wanted the Americans in it, and who decided China's entry.",
    )
    for source in load_sources():
        m.add_source(source)
    add_theses(m)
    add_evidence(m)
    add_relations(m)
    return m


def format_report(m: ArgumentMap) -> str:
    """The plain-text report: sources, then per thesis each source's position and cited pages."""
    title = m.title or "Argument map"
    width = max(len(s.key) for s in m.sources)
    lines = [title, "=" * len(title), "", "Sources"]
    hosts = {s.key: m.source(s.quoted_in) for s in m.sources if s.quoted_in}  # a letter printed in the blog
    lines += [f"  {s.key:<{width}}  {full_note(s, quoted_in=hosts.get(s.key))}" for s in m.sources]
    positions = m.positions()
    lines += ["", f"Theses ({len(m.theses)})"]
    for thesis in m.theses:
        lines += ["", f"[{thesis.id}]", f"  {thesis.statement}"]
        for source in m.sources:
            lines.append(f"  {source.key:<{width}}  {positions[thesis.id][source.key].value}")
            for ev in m.evidence_for(thesis.id, source.key):
                where = ev.passage.cite() or "no page"
                if ev.passage.match is Match.FUZZY:
                    where += f" (fuzzy match, score {ev.passage.score:.2f})"
                lines.append(f"      {ev.id:<12} {ev.stance.value:<9} {where}")
    # Grouped by the thesis they bear on, in thesis order, so the list reads like the theses.
    order = {t.id: i for i, t in enumerate(m.theses)}
    relations = sorted(m.relations, key=lambda r: (order[r.to_thesis], order[r.from_thesis]))
    lines += ["", f"Relations ({len(relations)})"]
    lines += [f"  {r.from_thesis} --{r.stance.value}--> {r.to_thesis}" for r in relations]
    report = m.check()
    counts = ", ".join(f"{n} {status}" for status, n in report.counts().items())
    lines += ["", f"Check: {len(report.results)} quotes checked: {counts}"]
    lines += [f"  {r.status.value} {r.evidence.id}: {r.message}" for r in report.warnings + report.errors]
    return "\n".join(lines)


def main() -> None:
    """Build the map and print the report."""
    print(format_report(build_map()))


if __name__ == "__main__":
    main()

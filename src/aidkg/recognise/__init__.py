"""Recognise: mentions of regions, organisations, projects, persons and programmes, sentence by
sentence over the Simplified text (`doc.norm`).

Each component does one job on a `Scope` (the sentence, its tokens and what the components before
it found), in the order of COMPONENTS: the first ones add mentions, the last ones decide between
them. Two article-wide passes run around them: the names of an XPCC article's companies and the
items of counted project lists before (they are found again in every sentence), the initials of
two partners (湖广协作) after.
"""
from __future__ import annotations

from ..document import Document
from . import bare_county, blends, commands, datelines, lists, names, overlaps, persons, programmes, projects, regions, registered_firms, tagger_words, xpcc
from .scope import Scope

COMPONENTS = (
    regions.divisions,            # the gazetteer: divisions, full names and short forms
    xpcc.units,                   # the XPCC table and the grammar of unit names (第N师, N团)
    regions.townships,            # X乡, X镇, X村, X农场
    lists.counted_places,         # A、B和C三县, A、B等5家企业: the count gives the items' class
    xpcc.companies,               # N连 of an XPCC regiment
    commands.aid_commands,        # X援疆前方指挥部, X前指Y分指, 援X医疗队
    programmes.programmes,        # 第N批援X干部人才
    projects.quoted_names,        # 命名为“X”
    projects.donor_roads,         # D援建的<city><D>路
    names.grammar_names,          # a head noun of name_grammar.tsv and the words before it
    names.central_body_names,     # 农业农村部: departments of the State Council and the Party Centre
    lists.firm_siblings,          # A公司、河南永泰: a firm's siblings in a list are firms
    lists.facility_siblings,      # A大桥、B|大桥: an item ending with a facility's head beside it
    lists.elided_routes,          # A至B、C至D高速公路: the head said once for both routes
    projects.counted_lists,       # 实施了A和B两个项目
    projects.scenic_works,        # 用于X景区建设: the scenic area is the works' project
    projects.items_of_a_kind,     # A、B等文旅项目
    projects.opened_list_items,   # 签约的项目分别是：A、B、C
    projects.agreed_on,           # 就开发X达成协议
    projects.place_industries,    # X县核桃产业 in a sentence about funds
    projects.fair_short_names,    # 第十届“甘交会”, 浙洽会: a trade fair by its short name
    projects.edition_festivals,   # R第N届X节: a festival by its edition
    persons.persons,              # the tagger's persons
    tagger_words.tagger_words,    # the tagger's places and organisations nothing else explains
    regions.named_next_to_places, # villages after the tagger's places too (林芝县|公众|村)
    regions.districts_not_zones,  # 上海市浦东新区 is a district, not a zone the grammar read
    overlaps.persons_in_places,   # 麦盖|提 is a place, not a person
    regions.confirm_short_forms,  # a short form stands in a list with a confirmed place
    projects.join_firm_words,     # 建设X新能源|装备制造基地项目 is one project
    projects.quoted_brands,       # “红柳”青松新村: a quoted brand opens the name after it
    overlaps.longest_names,       # overlapping names: the longest stands
    projects.joined_titles,       # A暨B is one name
    projects.nested_facilities,   # the hospital a project's name begins with
    projects.nested_events,       # the fair an event's name begins with (首届X博览会R项目签约仪式)
)


def recognise(doc: Document) -> Document:
    companies = xpcc.company_names(doc.norm)
    corps = xpcc.about_the_corps(doc.norm)
    # names a count of projects sums up, and projects' quoted titles (项目“X”), found again wherever
    # the article repeats them
    listed = {doc.norm[m.start:m.end] for sent in doc.sentences
              for m in projects.counted_list_items(doc.norm[sent.start:sent.end], sent.start)}
    listed |= projects.quoted_project_titles(doc.norm)
    for sent, tokens in zip(doc.sentences, doc.tokens):
        scope = Scope(doc, sent, tokens, xpcc_companies=companies, listed_projects=listed, xpcc_article=corps)
        for component in COMPONENTS:
            component(scope)
        for m in scope.found:
            m.sentence = sent.index
        doc.mentions += scope.found
    doc.mentions.sort(key=lambda m: (m.start, -m.end))
    registered_firms.bracketed_place(doc)
    blends.partner_initials(doc)
    blends.programme_prefix(doc)
    tagger_words.short_forms_only(doc)
    overlaps.places_only_named_in_events(doc)
    datelines.mark(doc)
    datelines.joint_credits(doc)
    bare_county.bare_county_institutions(doc)
    persons.two_character_names_with_a_sign(doc)
    return doc

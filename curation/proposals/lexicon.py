"""The words the proposals read around a name or a number, in English, Spanish, Portuguese
and German, written for this project. Everything is stored folded (accents dropped, lower
case, as ``text.fold`` gives), so one entry covers "liberación" and "liberacion".

Each set is a kind of evidence: ``RELEASE`` says someone walked free, ``STILL_HELD`` that
they did not, ``OFFICE`` that the person speaks for an institution … A phrase of several
words is one entry ("en libertad", "remains in custody")."""

from sources.search import fold_for_search


def _entries(*groups: str) -> frozenset[str]:
    """Entries separated by ``|`` (a phrase may hold spaces), folded."""
    return frozenset(
        fold_for_search(entry) for group in groups for entry in group.split("|") if entry.strip()
    )


# Coming home: a release when a prisoner does it, not when their wife goes home.
HOMECOMING = _entries(
    "returned home|flew home|back home|arrived home|regresaron|regreso a casa|"
    "volvio a casa|volvieron a casa|de volta a casa|heimgekehrt"
)

RELEASE = HOMECOMING | _entries(
    # English
    "freed|frees|freeing|release|released|releases|releasing|set free|walked free|"
    "walk free|let go|out of prison|left prison|was freed|were freed|"
    "libera|liberan|excarcela|excarcelan|liberta|libertam|soltam|lasst frei|laesst frei|"
    "abandonaron el recinto|abandono el recinto|"
    "entlassenen|entlassene|wieder frei|"
    # Spanish
    "liberado|liberada|liberados|liberadas|libero|liberaron|liberar|liberacion|"
    "liberaciones|excarcelado|excarcelada|excarcelados|excarceladas|excarcelo|excarcelaron|"
    "excarcelar|excarcelacion|excarcelaciones|en libertad|salio de prision|salieron de prision|"
    "puesto en libertad|puesta en libertad|puestos en libertad|puestas en libertad|"
    "recupero su libertad|recuperaron su libertad|recobro la libertad|"
    "salio|salieron|salida|sale|salen|"
    # Portuguese
    "libertado|libertada|libertados|libertadas|libertou|libertaram|libertacao|"
    "soltos|soltas|solto|solta|soltou|soltaram|em liberdade|deixou a prisao|saiu|sairam|"
    # German
    "freigelassen|freigelassene|freigelassenen|freigelassener|freilassung|freilassungen|"
    "freigekommen|freikam|freikamen|entlassen|entlassung|auf freiem fuss|frei gelassen|"
    "kamen frei|kam frei|ließ frei|liess frei|ließen frei|liessen frei|"
    "ist frei|sind frei|frei ist|frei sind|ist wieder frei|sind wieder frei"
)

# Leaving a prison is a release: a verb of leaving, then within a few words a prison
# ("deixou no sábado o presídio", "hayan salido de prisión", "left the jail").
LEAVE = _entries(
    "salido|salir|deixou|deixaram|deixar|left|leave|leaves|leaving|walked out|walks out|"
    "verliess|verließ|verliessen|verließen|verlassen|verlasst|verlässt|abandono|abandonaron"
)
PRISON = _entries(
    "prision|carcel|penal|presidio|prisao|cadeia|penitenciaria|penitenciario|reten|"
    "calabozo|centro de reclusion|centro penitenciario|prison|jail|penitentiary|"
    "detention centre|detention center|gefangnis|haftanstalt|haft"
)

# Places named after people, and the nouns that say so around the name: "el puente
# internacional Simón Bolívar", "the Puente Ayala prison", "avenida Francisco de Miranda".
NAMED_PLACE = _entries(
    "puente|avenida|calle|plaza|parque|autopista|carretera|urbanizacion|barrio|hospital|"
    "liceo|escuela|colegio|estadio|aeropuerto|bridge|avenue|street|square|highway|airport|"
    "stadium|ponte|rua|praca|estrada|rodovia|brucke|strasse|platz"
)

# Taking someone captive, just before their name ("seized Nicolás Maduro", "the capture
# of X"): whoever is taken is not the one freed.
ARREST = _entries(
    "seized|captured|capture|arrested|arrest|detained|abducted|kidnapped|"
    "capturaron|capturo|captura|capturaran|detuvieron|detuvo|detuvieran|detencion|arresto|"
    "arrestaron|arrestaran|secuestro|"
    "capturaram|capturou|captura|prenderam|prendeu|detiveram|deteve|"
    "festgenommen|festnahme|gefangennahme|verhaftet|verhaftung|entfuhrt|entfuhrung"
)

# Words that, a few words before a release word, turn it round: "not freed", "pidió la
# liberación de".
NEGATING = _entries(
    "not|no|never|yet to be|has yet to|have yet to|still awaiting|awaiting|await|"
    "calls for|called for|call for|demand|demands|demanded|demanding|urged|urge|urges|"
    "sought|seeks|seek|asked for|pressing for|push for|pushed for|hope|hopes|hoping|"
    "nunca|aun no|todavia no|sin|exigio|exige|exigen|exigieron|pidio|pide|piden|pidieron|"
    "reclamo|reclama|reclaman|reclamaron|solicito|solicita|espera|esperan|esperando|"
    "nao|ainda nao|pediu|pede|pedem|exigiu|aguarda|aguardam|"
    "nicht|nie|kein|keine|noch nicht|fordert|fordern|forderte|forderten|verlangt|hofft"
)

STILL_HELD = _entries(
    "remains in custody|remain in custody|remains in prison|remain in prison|remains jailed|"
    "remain jailed|remains behind bars|remain behind bars|still held|still being held|"
    "still detained|still in prison|still in custody|remains detained|remain detained|"
    "is still|are still|continues to be held|remains imprisoned|remain imprisoned|"
    "was not among|were not among|not among|"
    "sigue detenido|sigue detenida|siguen detenidos|siguen detenidas|sigue preso|sigue presa|"
    "siguen presos|siguen presas|continua detenido|continua detenida|continuan detenidos|"
    "continua preso|continua presa|continuan presos|permanece detenido|permanece detenida|"
    "permanecen detenidos|permanece preso|permanece presa|permanecen presos|"
    "permanece en prision|permanecen en prision|sigue en prision|siguen en prision|"
    "sigue tras las rejas|aun detenido|aun detenida|aun preso|aun presa|"
    "no figura|no figuraba|no estaba entre|no esta entre|"
    "continua preso|continua presa|continuam presos|segue preso|segue presa|seguem presos|"
    "segue detido|segue detida|seguem detidos|permanece detido|permanece detida|"
    "permanecem detidos|permanece preso|ainda preso|ainda presa|ainda detido|"
    "ainda presos|ainda presas|ainda detidos|ainda detida|ainda detidas|"
    "sitzt noch|sitzen noch|noch in haft|weiterhin in haft|bleibt in haft|bleiben in haft|"
    "weiter in haft|noch inhaftiert|weiterhin inhaftiert"
)

# A verb of remaining and, a few words after it, the state it keeps: "siguen, según la
# ONG, al menos 40 presos políticos", "remain, the group says, behind bars".
REMAIN = _entries(
    "sigue|siguen|continua|continuan|permanece|permanecen|quedan|queda|"
    "remain|remains|remained|segue|seguem|continuam|permanecem|bleibt|bleiben|sitzt|sitzen"
)
HELD_STATE = _entries(
    "preso|presa|presos|presas|detenido|detenida|detenidos|detenidas|encarcelado|"
    "encarcelada|encarcelados|encarceladas|tras las rejas|en prision|en la carcel|"
    "privados de libertad|privadas de libertad|privado de libertad|privada de libertad|"
    "detido|detida|detidos|detidas|presos politicos|na prisao|na cadeia|"
    "jailed|imprisoned|detained|behind bars|in custody|in prison|in jail|"
    "in haft|inhaftiert|im gefangnis|hinter gittern"
)

# A person's office or work for an institution, before or after the name, or the verb of
# someone speaking about the releases: such a person is a source, not a freed prisoner.
OFFICE = _entries(
    "president|vice president|minister|foreign minister|interior minister|secretary|"
    "secretary of state|spokesman|spokeswoman|spokesperson|speaker|ambassador|envoy|"
    "official|officials|director|executive director|head|chief|chairman|chairwoman|"
    "coordinator|governor|senator|lawmaker|prosecutor|attorney general|"
    "judge|commissioner|high commissioner|hochkommissar|hochkommissarin|kommissar|"
    "presidente|presidenta|vicepresidente|vicepresidenta|ministro|ministra|canciller|"
    "secretario|secretaria|vocero|vocera|portavoz|embajador|embajadora|enviado|funcionario|"
    "funcionaria|director|directora|jefe|jefa|coordinador|coordinadora|gobernador|"
    "gobernadora|alcalde|alcaldesa|fiscal|fiscal general|juez|jueza|comisionado|comisionada|"
    "alto comisionado|titular|responsable|vicecanciller|consul|consules|defensor del pueblo|"
    "defensora del pueblo|ombudsman|alto comissario|vice-chanceler|provedor de justica|"
    "presidente|presidenta|ministro|ministra|chanceler|secretario|porta-voz|embaixador|"
    "diretor|diretora|chefe|coordenador|coordenadora|governador|conselheiro|conselheira|"
    "consejero|consejera|adviser|advisor|counsellor|berater|beraterin|"
    "praesident|prasident|präsident|präsidentin|ministerin|minister|aussenminister|"
    "außenminister|außenministerin|staatssekretär|staatssekretar|sprecher|sprecherin|"
    "botschafter|botschafterin|direktor|direktorin|leiter|leiterin|chef|chefin|"
    "koordinator|staatsanwalt|richter"
)

LAWYER = _entries(
    "lawyer|attorney|defence lawyer|defense lawyer|counsel|"
    "abogado|abogada|defensor|defensora|abogado defensor|"
    "advogado|advogada|anwalt|anwältin|anwaltin|rechtsanwalt|rechtsanwältin|verteidiger"
)

RELATIVE = _entries(
    "wife|husband|mother|father|son|daughter|brother|sister|sibling|cousin|uncle|aunt|"
    "niece|nephew|grandmother|grandfather|partner|fiancee|fiance|relative|"
    "esposa|esposo|mujer|marido|madre|padre|hijo|hija|hermano|hermana|primo|prima|tio|tia|"
    "sobrino|sobrina|abuela|abuelo|pareja|novia|novio|familiar|"
    "mae|pai|filho|filha|irmao|irma|marido|companheira|companheiro|"
    "ehefrau|ehemann|frau|mann|mutter|vater|sohn|tochter|bruder|schwester|angehorige|"
    "angehöriger|angehörige"
)

SPEECH = _entries(
    "said|says|told|added|stated|announced|confirmed|wrote|posted|tweeted|explained|"
    "noted|insisted|warned|claimed|reported|denied|welcomed|urged|called|declared|"
    # Not "publicó": folded, it is "público" (public), an adjective of trades.
    "dijo|dice|afirmo|afirma|aseguro|asegura|declaro|declara|anuncio|anuncia|confirmo|"
    "confirma|informo|informa|explico|explica|señalo|senalo|señala|senala|indico|indica|"
    "escribio|denuncio|denuncia|agrego|añadio|anadio|sostuvo|advirtio|celebro|"
    "destaco|precisó|preciso|detallo|manifesto|comento|expreso|"
    "disse|diz|afirmou|declarou|anunciou|confirmou|informou|explicou|escreveu|"
    "sagte|sagt|erklarte|erklärte|erklärt|teilte|bestätigte|bestatigte|kündigte|schrieb|"
    "betonte|forderte|begrüßte|begrusste|nannte|nennt|sprach|meinte|kritisierte|"
    "resume|resumio|subraya|subrayo|recalca|recalco|insiste|insistio|agrega|anade|"
    "lamento|estima|estimo|alerta|alerto|sostiene|califico|describio|"
    "contou|relatou|lamentou|sublinhou|acrescentou|adiantou|avancou|referiu|revelou|"
    "frisou|salientou|garantiu|indicou|precisou|"
    "recalled|described|lamented|stressed|argued|"
    # Acts of office about the releases: whoever does them is not the one freed.
    "ordered|signed|decreed|approved|negotiated|welcomed|applauded|praised|secured|"
    "ordeno|firmo|decreto|aprobo|negocio|gestiono|aplaudio|celebro|dispuso|"
    "ordenou|assinou|aprovou|negociou|aplaudiu|celebrou|"
    "ordnete|unterzeichnete|genehmigte|verhandelte|lobte"
)

ACCORDING_TO = _entries(
    "according to|per|citing|segun|de acuerdo con|de acuerdo a|conforme|segundo|"
    "de acordo com|laut|nach angaben|nach angaben von|zufolge|"
    "nach zahlung von|nach zählung von|nach zahlung der|nach zählung der|"
    "nach schatzung von|nach schätzung von|nach schätzungen von|nach kenntnis der|"
    "nach kenntnis von|nach kenntnis des"
)

# A sentence that opens or continues a list of the people just spoken of.
LIST_OPENERS = _entries(
    "among them|among those|among the|they include|they included|those freed include|"
    "the list|list|including|include|includes|included|also freed|also released|as well as|"
    "they are|they were|names|named|"
    "entre ellos|entre ellas|entre los|entre las|se trata de|se trata del|son|figuran|figuraban|"
    "la lista|lista|incluyendo|incluye|incluia|amplio la lista|tambien|asi como|"
    "entre eles|entre elas|entre os|entre as|incluindo|inclui|sao eles|"
    "darunter|unter ihnen|unter den|die liste|liste|auch|sowie|namentlich"
)

MONTHS = _entries(
    "january|february|march|april|june|august|september|october|november|december|"
    "enero|febrero|marzo|junio|agosto|septiembre|octubre|noviembre|diciembre|"
    "janeiro|fevereiro|junho|julho|setembro|outubro|novembro|dezembro|"
    "januar|februar|marz|märz|juni|juli|oktober|dezember|ende|anfang|mitte"
)

# Words inside a title before a name ("Foreign Minister X", "former President Y").
TITLE_WORDS = _entries(
    "foreign|interior|former|ex|vice|prime|deputy|chief|senior|top|acting|high|state|"
    "exterior|exteriores|relaciones|defensa|justicia|del|de|alto|alta|"
    "ehemalige|ehemaliger|stellvertretende|stellvertretender"
)

# Capitalised words that begin a sentence or a phrase but never a name.
NOT_A_NAME = _entries(
    "the|a|an|in|on|at|by|for|from|after|before|but|and|if|as|with|this|that|these|those|"
    "during|despite|since|while|when|where|also|among|including|both|his|her|their|its|"
    "our|my|we|they|he|she|it|i|you|one|two|three|some|many|most|other|others|all|"
    "el|la|los|las|lo|un|una|unos|unas|en|de|del|con|por|para|tras|segun|pero|y|e|o|"
    "desde|hasta|sobre|entre|hacia|durante|ante|bajo|contra|sin|tambien|su|sus|este|esta|"
    "estos|estas|ese|esa|al|cuando|donde|como|ademas|asimismo|luego|mientras|otro|otra|"
    "otros|otras|todos|todas|ellos|ellas|el|ella|se|le|les|ya|aun|hoy|ayer|"
    # Verbs of being open list sentences ("Eran Pedro Luis Gámez…, Alexander Tovar…").
    "eran|era|fueron|fue|son|sao|foram|sind|waren|were|are|ist|war|was|"
    # Question words open a sentence: "Was Dietmar K. erlebte", "Quando Manuel T. saiu".
    "wer|wen|wem|warum|wann|quando|onde|porque|"
    "o|os|as|um|uma|no|na|nos|nas|do|da|dos|das|em|com|pelo|pela|apos|segundo|mas|"
    "der|die|das|den|dem|des|ein|eine|einen|einem|im|am|nach|laut|und|seit|aus|von|vom|"
    "bei|mit|uber|auch|unter|zu|zum|zur|auf|fur|wie|als|er|sie|es|wir|ihr|sein|seine|"
    "mr|mrs|ms|dr|sr|sra|srta|don|dona|herr|frau|senhor|senhora|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "lunes|martes|miercoles|jueves|viernes|sabado|domingo|"
    "segunda|terca|quarta|quinta|sexta|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    "january|february|march|april|may|june|july|august|september|october|november|"
    "december|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|"
    "noviembre|diciembre|janeiro|fevereiro|maio|junho|julho|setembro|outubro|"
    "novembro|dezembro|januar|februar|marz|juni|juli|oktober|dezember|"
    "caracas|venezuela|washington|madrid|roma|rome|bogota|lisboa|lisbon|berlin|"
    "god|dios|deus|gott|reuters|afp|efe|ap|dpa|lusa|ansa|bbc|cnn"
)

# Words that make a capitalised phrase a thing, a place or an institution, not a person.
THING = _entries(
    "foro|penal|ministry|ministerio|ministerium|government|gobierno|governo|regierung|"
    "rights|watch|human|humanos|nations|naciones|unidas|unidos|court|tribunal|supreme|"
    "supremo|justicia|justice|party|partido|partei|union|office|oficina|department|"
    "departamento|council|consejo|conselho|prison|prision|prisao|carcel|cadeia|gefangnis|"
    "penitenciario|penitenciaria|penitentiary|centro|center|centre|zentrum|internado|"
    "judicial|comando|sede|airport|aeropuerto|aeroporto|flughafen|palace|palacio|palast|"
    "embassy|embajada|embaixada|botschaft|news|noticias|press|prensa|agency|agencia|"
    "agentur|university|universidad|universidade|universitat|church|iglesia|igreja|kirche|"
    "assembly|asamblea|assembleia|national|nacional|nationalversammlung|committee|comite|"
    "commission|comision|comissao|kommission|republic|republica|republik|house|casa|haus|"
    "hauses|amt|amtes|auswartigen|auswärtigen|prize|premio|preis|nobel|peace|social|"
    "media|network|ocean|sea|city|ciudad|cidade|stadt|state|estado|staat|new|north|south|"
    "east|west|norte|sur|sul|este|oeste|ley|law|lei|gesetz|amnistia|amnesty|amnestie|"
    "decreto|decree|dekret|programa|program|programme|plan|operation|operacion|"
    "international|internacional|internationale|monde|times|post|journal|herald|"
    "zeitung|spiegel|pais|mundo|nacion|universal|tiempo|globo|folha|guardian|"
    "associated|france|presse|foundation|fundacion|fundacao|stiftung|institute|instituto|"
    "organization|organizacion|organisation|organizacao|coalition|coalicion|alliance|"
    "alianza|movement|movimiento|bewegung|front|frente|bureau|services|servicio|servicios|"
    "inteligencia|intelligence|sebin|dgcim|policia|police|polizei|guardia|guard|army|"
    "ejercito|fuerza|fuerzas|forces|armada|militar|military|bolivariana|bolivarian|"
    "white|blanca|weißen|weissen|capitol|congress|congreso|kongress|senate|senado|"
    "parliament|parlamento|parlament|bundestag|europe|europa|european|europea|europaische|"
    "vatican|vaticano|libertad|liberdade|freiheit|freedom|presos|prisoners|"
    "san|santa|santo|puerto|porto|ciudad|villa|estado|municipio|plaza|avenida|calle|"
    "el|helicoide|rodeo|tocoron|tocuyito|yare|boleita|yaguara|ramo|verde"
)

# Nouns of places, institutions and the press: a demonym beside one ("the Colombian
# border", "la Cancillería colombiana", "Swiss radio") is no detainee's nationality.
NOT_PEOPLE = _entries(
    "border|borders|frontier|coast|waters|territory|soil|side|government|authorities|"
    "embassy|consulate|ministry|cabinet|radio|television|tv|press|media|"
    "newspaper|broadcaster|navy|army|"
    "frontera|fronteras|costa|aguas|territorio|suelo|gobierno|autoridades|embajada|"
    "consulado|cancilleria|ministerio|radio|television|prensa|medios|diario|periodico|"
    "fronteira|governo|embaixada|chancelaria|ministerio|imprensa|jornal|"
    "grenze|kuste|regierung|behorden|botschaft|konsulat|ministerium|aussenministerium|"
    "rundfunk|fernsehen|presse|zeitung|medien"
)

# Lower-case words that join the words of one name.
PARTICLES = _entries("de|del|de la|de los|de las|la|las|los|da|das|do|dos|van|von|der|den")

# Work or trade words standing before a name ("the journalist X"): a freed person may be
# described so; they say nothing against release.
TRADE = _entries(
    "journalist|reporter|photographer|activist|politician|opposition|leader|student|"
    "lawyer|engineer|doctor|trade unionist|unionist|businessman|businesswoman|soldier|"
    "officer|general|lieutenant|colonel|captain|mayor|deputy|aid worker|"
    "human rights defender|defender|pastor|priest|professor|teacher|"
    "periodista|reportero|reportera|fotografo|fotografa|activista|politico|politica|"
    "opositor|opositora|dirigente|estudiante|ingeniero|ingeniera|medico|medica|"
    "sindicalista|empresario|empresaria|militar|oficial|coronel|capitan|teniente|diputado|diputada|alcalde|alcaldesa|defensor|defensora|profesor|"
    "profesora|camarografo|camarografa|locutor|locutora|concejal|"
    "jornalista|deputado|deputada|prefeito|fotografo|ativista|estudante|engenheiro|empresario|professor|"
    "journalistin|fotograf|fotografin|aktivist|aktivistin|politiker|politikerin|student|"
    "studentin|ingenieur|ärztin|arzt|gewerkschafter|unternehmer|oppositionelle|"
    "oppositioneller|oppositionspolitiker|oppositionspolitikerin|menschenrechtler|"
    "menschenrechtlerin|"
    # Trades that stand capitalised before a name: German nouns, and any at a sentence's start.
    "nurse|carpenter|mechanic|farmer|driver|shopkeeper|merchant|trader|geologist|"
    "tour guide|guide|aid worker|volunteer|musician|artist|writer|poet|economist|"
    "krankenschwester|krankenpfleger|krankenpflegerin|pflegerin|pfleger|tischler|"
    "tischlerin|schreiner|mechaniker|landwirt|bauer|fahrer|fahrerin|kaufmann|händler|"
    "handler|geologe|geologin|priester|pfarrer|ordensschwester|katechet|katechetin|"
    "helfer|helferin|entwicklungshelfer|entwicklungshelferin|lehrer|lehrerin|"
    "bergfuhrer|bergführer|reiseleiter|reiseleiterin|musiker|musikerin|künstler|kunstler|"
    "schriftsteller|schriftstellerin|ökonom|okonom|ökonomin|okonomin|soldat|soldatin|"
    "offizier|hauptmann|leutnant|oberst|gewerkschafterin|unternehmerin|rentner|rentnerin|"
    "lusodescendente|luso-descendente|enfermeira|enfermeiro|enfermera|enfermero|"
    "missionary|misionero|misionera|missionario|missionaria|missionar|missionarin|"
    # Not "chef", "cook", "koch", "baker", "fischer": also an office in German, or surnames.
    "technician|tecnico|tecnica|techniker|technikerin|cocinero|cocinera|"
    "cozinheiro|cozinheira|panadero|panadera|padeiro|padeira|"
    "fisherman|pescador|pescadora|contractor|contratista|empreiteiro|"
    "accountant|contador|contadora|contabilista|buchhalter|buchhalterin"
)


def _each_word_to_its_value(spellings_by_value: dict[int, str]) -> dict[str, int]:
    """{3: "three tres"} -> {"three": 3, "tres": 3}, each word folded as the text is."""
    return {
        fold_for_search(word): value
        for value, spellings in spellings_by_value.items()
        for word in spellings.split()
    }


# Number words up to a thousand, with the collective nouns that name a number ("decena",
# "dozen"), each folded to its value.
NUMBER_WORDS = _each_word_to_its_value(
    {
        2: "two dos dois duas zwei",
        3: "three tres três drei",
        4: "four cuatro quatro vier",
        5: "five cinco fünf",
        6: "six seis sechs",
        7: "seven siete sete sieben",
        8: "eight ocho oito acht",
        9: "nine nueve nove neun",
        10: "ten diez dez zehn decena dezena",
        11: "eleven once onze elf",
        12: "twelve doce doze zwölf dozen docena dúzia dutzend",
        13: "thirteen trece treze dreizehn",
        14: "fourteen catorce catorze vierzehn",
        15: "fifteen quince quinze fünfzehn",
        16: "sixteen dieciséis dezesseis sechzehn",
        17: "seventeen diecisiete dezessete siebzehn",
        18: "eighteen dieciocho dezoito achtzehn",
        19: "nineteen diecinueve dezenove neunzehn",
        20: "twenty veinte vinte zwanzig veintena vintena",
        30: "thirty treinta trinta dreißig treintena",
        40: "forty cuarenta quarenta vierzig",
        50: "fifty cincuenta cinquenta fünfzig",
        60: "sixty sesenta sessenta sechzig",
        70: "seventy setenta siebzig",
        80: "eighty ochenta oitenta achtzig",
        90: "ninety noventa neunzig",
        100: "hundred cien cem hundert centenar centena",
        1000: "thousand mil tausend",
    }
)


# An ordinal before the people it ranks implies a tally: "el tercer colombiano excarcelado",
# "at least the sixth Venezuelan American freed" (from three: "first" and "second" rank
# more than they count).
ORDINALS = _each_word_to_its_value(
    {
        3: "third tercer tercero tercera terceiro terceira dritte dritter",
        4: "fourth cuarto cuarta quarto quarta vierte vierter",
        5: "fifth quinto quinta fünfte fünfter",
        6: "sixth sexto sexta sechste sechster",
        7: "seventh séptimo séptima sétimo sétima siebte siebter",
        8: "eighth octavo octava oitavo oitava achte achter",
        9: "ninth noveno novena nono nona neunte neunter",
        10: "tenth décimo décima zehnte zehnter",
    }
)

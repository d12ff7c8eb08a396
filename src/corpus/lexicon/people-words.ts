// Words around names in news copy: given names (a capitalised word after one is a surname),
// titles and roles (a capitalised word after one is a name), honorifics, pronouns, and words that
// look like names but name places and institutions. Reviewed lists, per language.

/** Common given names in English-language news (Latin script, any origin), lower case. */
export const LATIN_GIVEN_NAMES_MALE = `
aaron adam ahmed alain alan alex alexander alexandr alexei alexey ali andrei andrew andriy andrii andrzej angel anthony antonio antony
anatoliy arsen arseniy artem ben benjamin bernard bill bob boris boyko carl carlos charles chris christian christopher
dan daniel david davyd denis denys dmitri dmitry dmytro donald dominic ed edward emmanuel enrico eric fedir frank francois friedrich
gabriel george georgiy gerhard giorgi giuseppe gordon hakan hans heorhiy herman ihor igor ilya ivan jacob james jan jean jens jeremy joe john jonathan jose josep
joseph josh juan karl keir keith kevin kim kirill kostiantyn konstantin kyrylo lars leonid lindsey lloyd lukas luis maksym manuel marco marcus mark martin matteo matthew
maxim mevlut michael michel mike mikhail mykhailo mykola nicolas nikolai olaf oleh oleg oleksandr oleksii oleksiy olivier oscar pablo pat patrick paul pavel pavlo pedro
pete peter petro petr philip pierre rafael ramzan recep richard robert roman ron rostyslav ruslan rustem ryan scott sebastian serhiy serhii sergei sergey sergiy simon stefan stephen steve
steven taras ted thomas tim timothy tom tony valerii valeriy vadym vasyl viktor vitali vitaliy vitaly vladimir vladyslav volodymyr walter william xi yevhen yevgeny yuri yuriy yurii
zbigniew friedrich wolfgang jens kaja mette donald marco antonio giorgia pedro ulf alexander lars-lokke dick radoslaw radosław sikorski keir rishi boris emmanuel jd j.d. marco
pete kristi tulsi steve jake`.trim().split(/\s+/);

export const LATIN_GIVEN_NAMES_FEMALE = `
alice angela anna annalena antonia ursula kaja kaia mette giorgia kamala hillary nancy marine melania lara ivanka iryna irina olena
elena yulia yuliia julia tetiana tatiana tatyana maria mariya natalia nataliya olga olha svitlana kateryna ekaterina victoria viktoriia oksana
liudmyla lyudmila maria marta kristi tulsi karoline kaja sanna ylva roberta christine kristalina nikki margaret theresa liz priti
sarah susan elizabeth jill jennifer emily jane catherine laura lisa michelle valentina veronika`.trim().split(/\s+/);

/** Given names in Ukrainian and Russian spelling (nominative), lower case. */
export const CYRILLIC_GIVEN_NAMES_MALE = `
андрій андрей олександр александр дмитро дмитрий володимир владимир сергій сергей олексій алексей михайло михаил
микола николай петро пётр петр іван иван юрій юрий віталій виталий василь василий денис руслан рустем кирило кирилл
віктор виктор ігор игорь олег павло павел роман тарас ярослав богдан максим артем артём антон борис вадим валерій
валерий геннадій геннадий григорій григорий давид данило даниил євген евгений едуард эдуард ілля илья костянтин константин
леонід леонид любомир мирослав назар остап святослав станіслав станислав степан федір фёдор федор юліан ян ярема
анатолій анатолий арсен арсеній арсений георгій георгий герман дональд еммануель емманюель марк кір кейр джо джон
джей ді марко фрідріх фридрих олаф ердоган реджеп ентоні антоні кіт стів стівен річард ріші борис рамзан мевлют гакан
ілон ілон пітер піт лідсі ліндсі джейк рафаель антоніу педро`.trim().split(/\s+/);

export const CYRILLIC_GIVEN_NAMES_FEMALE = `
юлія юлия олена елена ірина ирина тетяна татьяна наталія наталья наталя ольга оксана марія мария світлана светлана
катерина екатерина вікторія виктория людмила галина ганна анна інна інна лариса леся любов надія надежда софія софия
анастасія анастасия валентина вероніка вероника марина мар'яна мар’яна аліна алина дарина дар'я дарья кая каха урсула ангела
анналена мелонні джорджа джорджія камала мелания меланія лара іванка христина кристина уляна ярослава злата зоряна`.trim().split(/\s+/);

/** Honorifics: a capitalised word after one is a surname; some also give the gender. */
export const HONORIFICS: Record<string, 'male' | 'female' | null> = {
  mr: 'male', 'mr.': 'male', mrs: 'female', 'mrs.': 'female', ms: 'female', 'ms.': 'female', dr: null, 'dr.': null,
  sir: 'male', dame: 'female', lord: 'male', lady: 'female', пан: 'male', пані: 'female', господин: 'male', госпожа: 'female',
};

/**
 * Nouns that name a person by office (EN and UK/RU stems, lower case). A capitalised word after one
 * is a name ("spokesman Dmitry Peskov", "міністр оборони Рустем Умєров"); a phrase built on one
 * names a person already in the article ("the minister said", "– додав секретар РНБО").
 */
export const ENGLISH_ROLE_NOUNS = `
president vice-president premier chancellor minister secretary spokesman spokeswoman spokesperson envoy ambassador
diplomat mayor governor senator congressman congresswoman lawmaker legislator deputy mp speaker chairman chairwoman chair
head chief leader commander general admiral colonel lieutenant marshal officer official adviser advisor aide director
commissioner representative negotiator ombudsman ombudsperson prosecutor judge king queen prince monarch pope
foreign-minister prime dictator strongman politician candidate counterpart founder ceo executive analyst expert
emissary delegate coordinator attorney lt gen col maj sgt capt rep sen gov amb`.trim().split(/\s+/);

export const CYRILLIC_ROLE_STEMS = `
президент прем'єр прем’єр премʼєр премьер канцлер міністр министр секретар секретарь речни речник речниця пресслужб
посол посл дипломат мер голов глав очільни очільник керівни керівник начальни начальник командувач командир генерал
адмірал полковни полковник офіцер радни радник помічни помічник директор комісар представни представник переговорни
омбудсман уповноважен прокурор суддя король корол королев принц понтифік папа спікер депутат нардеп сенатор
конгресмен губернатор лідер головнокомандувач головнокоманд розвідни розвідник диктатор політик кандидат засновни засновник екскерівни екскерівник
експрезидент експрем'єр ексміністр аналітик експерт військов очільниця речница спикер председател председатель
мэр мэра пресс-секретар прессекретар прес-секретар представител советник помощник командующ замминистр заступни
віцепрем'єр віце-прем'єр генсек генпрокурор`.trim().split(/\s+/);

/** Words that start capitalised but are not given names or surnames: places, institutions, media. */
export const NOT_A_NAME = new Set(
  `
the a an and but or in on at of for to from by with as after before during while when where this that these those there
it its he she they we i you his her their our my your who which what however meanwhile still also yet though although
ukraine ukrainian ukrainians russia russian russians moscow kyiv kiev kremlin washington europe european europeans eu
america american americans us u.s. usa uk britain british london paris france french germany german berlin poland polish warsaw
china chinese beijing turkey turkish ankara istanbul nato un united nations states white house pentagon congress senate
parliament rada verkhovna cabinet government ministry ministries office council committee commission agency service army
navy forces military defense defence intelligence security state department federation republic kingdom union
north south east west korea korean japan japanese india israel iran gaza crimea donbas donetsk luhansk kharkiv odesa
zaporizhzhia kherson kursk lviv dnipro mykolaiv sumy chernihiv poltava vinnytsia zhytomyr rivne lutsk uzhhorod ternopil
khmelnytskyi cherkasy kropyvnytskyi ivano-frankivsk chernivtsi bakhmut avdiivka pokrovsk kupiansk mariupol melitopol
berdiansk sevastopol simferopol belgorod bryansk rostov vienna rome madrid oslo stockholm tallinn riga vilnius prague
budapest bucharest chisinau tbilisi baku yerevan ottawa tokyo seoul pyongyang delhi tehran cairo abu dhabi dubai vatican belarus minsk saudi arabia jeddah riyadh qatar doha geneva brussels helsinki alaska anchorage
monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
september october november december reuters afp ap bloomberg cnn bbc tass ria interfax unn ukrinform fox news times
post telegram x facebook truth social press daily journal guardian politico axios kyodo yonhap anadolu
organization organisation directorate department agency committee council office service services forces party union
assembly institute university group company bank fund foundation center centre news times post journal herald tribune
independent network channel radio television tv media ministry administration command headquarters staff corps guard
peninsula region oblast city village district front line summit conference forum treaty alliance coalition board
trump's putin's zelensky's photo read next more getty images epa image video live updates breaking
україна україни україні росія росії рф кремль кремля київ києва москва москви вашингтон сша європа єс нато оон
верховна рада кабмін уряд міністерство мзс мзс. офіс оп сбу гур зсу рнбо понеділок вівторок середа четвер пʼятниця
пятница субота неділя січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня
читайте також фото відео джерело деталі нагадаємо нагадаемо новини водночас зокрема однак проте натомість крім окрім
раніше згодом потім тоді тим ще вже відтак таким так при напередодні сьогодні вчора також втім адже отже
газпром нафтогаз укренерго енергоатом росатом вагнер хамас хезболла магате обсє юнісеф мвф укрзалізниця
приватбанк ощадбанк роснефть лукойл сбербанк роскосмос росгвардія
про на у в за з із зі до від для після під по як це цей ця ці але і й та а або чи що щоб коли якщо хоча бо проте
він вона вони ми я ви воно його її їх нам нас мені там тут тепер зараз нині наразі ось де куди чому
об по при как это этот эта но и или что чтобы когда если он она они мы я вы его ее их
hamas hezbollah houthis taliban gazprom naftogaz ukrenergo rosatom energoatom wagner iaea osce unicef unhcr imf
ukroboronprom rheinmetall lockheed raytheon boeing airbus starlink spacex tesla google meta twitter youtube tiktok
kyivstar ukrzaliznytsia oschadbank privatbank rosneft lukoil sberbank roscosmos rosgvardia
later earlier then now thus instead besides moreover furthermore people residents citizens authorities sources
witnesses soldiers troops officials experts analysts critics observers lawmakers leaders ministers diplomats lugansk severodonetsk sievierodonetsk lysychansk
kostiantynivka kramatorsk sloviansk vovchansk kupyansk izium`
    .trim()
    .split(/\s+/),
);

export const MALE_PRONOUNS = new Set(['he', 'він', 'он']);
export const FEMALE_PRONOUNS = new Set(['she', 'вона', 'она']);
export const PLURAL_PRONOUNS = new Set(['they', 'вони', 'они']);

/** Cyrillic stems of institution and place words that are capitalised in names of bodies ("Верховної Ради"). */
export const CYRILLIC_BODY_STEMS = `
союз рад офіс міністерств служб комітет уряд парламент кабінет адміністрац управлін штаб сил збройн національн
державн верховн генеральн європейськ українськ російськ американськ міжнародн об'єднан об’єднан організац агентств
банк фонд центр асоціац парті фракці конгрес сенат пентагон білий білого кремл європ украї росі америк сполучен
нато оон єс мзс сбу гур зсу рнбо оп київ москв вашингтон брюссел польщ франц німеччин британ китай туреччин
стамбул женев львів дніпр миколаїв сум чернігів полтав вінниц житомир рівн луцьк ужгород тернопіл хмельницьк
черкас кропивницьк херсон запоріж харків одес донецьк луганськ краматорськ слов'янськ покровськ бахмут курськ бєлгород
маріупол мелітопол севастопол сімферопол крим донбас стамбул женев саудівськ киев украин росси белорус
американск европейск российск украинск государствен министерств администрац федерац словаччин угорщин
чехі румуні молдов грузі вірмені ізраїл італі іспані нідерланд бельгі швеці фінлянді норвегі естоні латві
австрі швейцарі болгарі греці хорвати серби словені канад японі міненерг мінфін мінобор мінцифр мінекономік мінюст
мінагро мінсоц мінкульт мвс моз мон нбу набу дбр сап вак цвк дснс сзр фсб ер-ріяд джидд міністр президент деталі нагадаємо читайте також фото джерело відео тсн`.trim().split(/\s+/);

/**
 * Kinds of office, so that a phrase names the person who holds that kind of office even in other
 * words: "Розвідник" is the head of military intelligence, "дипломат" a foreign minister or envoy.
 * Each kind lists stems (lower case, first letters) in both languages.
 */
export const OFFICE_KINDS: Record<string, readonly string[]> = {
  intelligence: ['intelligence', 'hur', 'spy', 'розвід', 'гур', 'розвідник', 'розвідки', 'розвідув'],
  security: ['sbu', 'security service', 'сбу', 'служби безпеки', 'служба безпеки'],
  diplomacy: ['foreign', 'diplomat', 'envoy', 'ambassador', 'мзс', 'дипломат', 'посол', 'посл', 'закордонних', 'зовнішньої'],
  defence: ['defence', 'defense', 'оборон'],
  military: ['commander', 'general', 'army', 'armed forces', 'командувач', 'головнокомандувач', 'генерал', 'зсу', 'військов'],
  parliament: ['speaker', 'parliament', 'rada', 'спікер', 'рад', 'парламент', 'депутат'],
  government: ['prime minister', 'premier', 'прем', 'уряд', 'кабмін', 'кабінет'],
  presidency: ['president', 'head of state', 'leader', 'президент', 'глава держави', 'лідер'],
  spokesperson: ['spokes', 'press secretary', 'речни', 'прессекретар', 'пресс-секретар', 'пресслужб'],
  ombudsman: ['ombuds', 'human rights', 'омбудсман', 'уповноважен', 'прав людини'],
  mayor: ['mayor', 'city', 'мер', 'міськ', 'міського голови', 'міський голова'],
  region: ['governor', 'regional', 'oblast', 'military administration', 'губернатор', 'ова', 'обласн', 'військової адміністрації'],
  security_council: ['security council', 'nsdc', 'рнбо', 'ради національної безпеки'],
  presidential_office: ['office of the president', 'presidential office', 'chief of staff', 'оп', 'офісу президента', 'офіс президента'],
  air_force: ['air force', 'air command', 'повітряних сил', 'пс зсу'],
  energy: ['energy', 'енергетик', 'міненерг', 'енерго'],
  finance: ['finance', 'фінанс', 'мінфін'],
  economy: ['economy', 'економік', 'мінекономік'],
};

/** Nationality and origin adjectives (EN and UK stems are listed whole, lower case). */
export const NATIONALITY_WORDS: readonly string[] = `
ukrainian russian american british english french german polish turkish chinese japanese korean italian spanish
dutch belgian swedish finnish norwegian danish estonian latvian lithuanian czech slovak hungarian romanian moldovan
bulgarian greek georgian armenian azerbaijani belarusian kazakh israeli iranian saudi indian pakistani canadian
australian european western eastern northern southern soviet kremlin's us u.s. uk eu un nato ukraine's russia's
український українська українські російський російська американський американська британський французький німецький
польський польська турецький китайський європейський західні`.trim().split(/\s+/);

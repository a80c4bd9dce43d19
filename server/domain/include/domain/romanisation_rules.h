#pragma once

// ICU transform rules (see icu::Transliterator::createFromRules) that write names in Latin letters
// as the holders' passports do, where no built-in ICU transform does. Each leaves letters of other
// scripts to the transforms after it and keeps the case of what it writes: "Щербак" -> "Shcherbak",
// "ЩЕРБАК" -> "SHCHERBAK".

#include <string_view>

namespace lanyard::server::domain {

// Ukrainian by the national system of 2010 (Cabinet of Ministers resolution No. 55), the spelling
// of Ukrainian passports: Наталія -> Nataliia, Юрій -> Yurii, Згурський -> Zghurskyi. Є, Ї, Й, Ю
// and Я are Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia elsewhere; "зг" is "zgh"
// (not "zh", which is ж); the soft sign and the apostrophe are dropped (Мар'яна -> Mariana).
// Letters of other Cyrillic alphabets (ы, ё) are left to Any-Latin.
//
// Rules are tried in order at each letter, so a letter's special cases come before its plain
// rule. A rule's left context `$letter {` sees the text as already written, in Latin letters; its
// right context the letters still to come.
inline constexpr std::string_view kUkrainianNationalRules = R"rules(
$letter = [[:L:][:M:]] ;
$upper = [:Lu:] ;
[\u0027\u0060\u00B4\u02BC\u2018\u2019] } [єїюяЄЇЮЯ] → ;
зг → zgh ; Зг → Zgh ; ЗГ → ZGH ;
$letter { є → ie ; є → ye ;
$letter { ї → i ; ї → yi ;
$letter { й → i ; й → y ;
$letter { ю → iu ; ю → yu ;
$letter { я → ia ; я → ya ;
Є } $upper → YE ; $upper { Є → IE ; $letter { Є → Ie ; Є → Ye ;
Ї } $upper → YI ; $letter { Ї → I ; Ї → Yi ;
$letter { Й → I ; Й → Y ;
Ю } $upper → YU ; $upper { Ю → IU ; $letter { Ю → Iu ; Ю → Yu ;
Я } $upper → YA ; $upper { Я → IA ; $letter { Я → Ia ; Я → Ya ;
Ж } $upper → ZH ; $upper { Ж → ZH ; Ж → Zh ;
Х } $upper → KH ; $upper { Х → KH ; Х → Kh ;
Ц } $upper → TS ; $upper { Ц → TS ; Ц → Ts ;
Ч } $upper → CH ; $upper { Ч → CH ; Ч → Ch ;
Ш } $upper → SH ; $upper { Ш → SH ; Ш → Sh ;
Щ } $upper → SHCH ; $upper { Щ → SHCH ; Щ → Shch ;
ж → zh ; х → kh ; ц → ts ; ч → ch ; ш → sh ; щ → shch ;
а → a ; б → b ; в → v ; г → h ; ґ → g ; д → d ; е → e ; з → z ; и → y ; і → i ; к → k ;
л → l ; м → m ; н → n ; о → o ; п → p ; р → r ; с → s ; т → t ; у → u ; ф → f ;
А → A ; Б → B ; В → V ; Г → H ; Ґ → G ; Д → D ; Е → E ; З → Z ; И → Y ; І → I ; К → K ;
Л → L ; М → M ; Н → N ; О → O ; П → P ; Р → R ; С → S ; Т → T ; У → U ; Ф → F ;
[ьЬ] → ;
)rules";

// Greek as Greek passports write it (ELOT 743): ICU's UNGEGN transform, which is ELOT 743:1982,
// with the passports' "mp" and "gk" wherever μπ and γκ stand (UNGEGN writes initial μπ as "b"
// and γκ as "nk"), and without accents or the macron below that UNGEGN marks η and ω with:
// Ευαγγελία Βασιλείου -> Evangelia Vasileiou, Μπάμπης -> Mpampis, Γκίκας -> Gkikas.
inline constexpr std::string_view kGreekPassportRules = R"rules(
γ } [κΚ] → g ; Γ } [κΚ] → G ;
μ } [πΠ] → m ; Μ } [πΠ] → M ;
::Greek-Latin/UNGEGN ;
::NFD ;
::[:Mn:] Remove ;
::NFC ;
)rules";

}  // namespace lanyard::server::domain

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lt">
<context>
    <name>Category</name>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Delegate</source>
        <translation>Delegatas (-ė)</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Speaker</source>
        <translation>Pranešėjas (-a)</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>City official</source>
        <translation>Miesto atstovas (-ė)</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>Community representative</source>
        <translation>Bendruomenės atstovas (-ė)</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Press</source>
        <translation>Žiniasklaida</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Staff</source>
        <translation>Organizatoriai</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="21"/>
        <source>Partner</source>
        <translation>Partneris</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="22"/>
        <source>Is this you?</source>
        <translation>Ar tai jūs?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="77"/>
        <source>Yes, print my badge</source>
        <translation>Taip, spausdinti mano kortelę</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="78"/>
        <source>No, this is not me</source>
        <translation>Ne, tai ne aš</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Welcome back!</source>
        <translation>Sveiki sugrįžę!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Please take your badge.</source>
        <translation>Pasiimkite savo kortelę.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="39"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, jūsų atvykimas užregistruotas. Geros konferencijos!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="45"/>
        <source>Done</source>
        <translation>Baigta</translation>
    </message>
</context>
<context>
    <name>DoorPage</name>
    <message>
        <location filename="../qml/DoorPage.qml" line="21"/>
        <source>Welcome in</source>
        <translation>Sveiki, užeikite</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="22"/>
        <source>Goodbye</source>
        <translation>Viso gero</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="23"/>
        <source>You are already in</source>
        <translation>Jūs jau viduje</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="24"/>
        <source>Please scan again</source>
        <translation>Nuskenuokite dar kartą</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="25"/>
        <source>Not checked in to this session</source>
        <translation>Šioje sesijoje neužregistruota</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="26"/>
        <source>Session full</source>
        <translation>Sesija pilna</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="27"/>
        <source>Not registered for this session</source>
        <translation>Neužsiregistravote į šią sesiją</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="28"/>
        <source>Not open now</source>
        <translation>Dabar neatidaryta</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="29"/>
        <source>Already checked in</source>
        <translation>Jau užregistruota</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="30"/>
        <source>This registration is cancelled</source>
        <translation>Ši registracija atšaukta</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="31"/>
        <source>We do not know this code</source>
        <translation>Šis kodas mums nežinomas</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="32"/>
        <source>This code is not valid</source>
        <translation>Šis kodas negalioja</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="33"/>
        <source>This code has been replaced</source>
        <translation>Šis kodas pakeistas nauju</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="34"/>
        <source>The check-in server cannot be reached</source>
        <translation>Registracijos serveris nepasiekiamas</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="35"/>
        <source>No session in this room now</source>
        <translation>Šioje salėje dabar nėra sesijos</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="36"/>
        <source>Please ask the staff at the door</source>
        <translation>Kreipkitės į darbuotojus prie durų</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>This session is over.</source>
        <translation>Ši sesija jau baigėsi.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="47"/>
        <source>Check-in for the next session opens %n minute(s) before it starts.</source>
        <translation>
            <numerusform>Registracija į kitą sesiją prasideda likus %n minutei iki jos pradžios.</numerusform>
            <numerusform>Registracija į kitą sesiją prasideda likus %n minutėms iki jos pradžios.</numerusform>
            <numerusform>Registracija į kitą sesiją prasideda likus %n minučių iki jos pradžios.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="49"/>
        <source>Check-in opens %n minute(s) before the session starts.</source>
        <translation>
            <numerusform>Registracija prasideda likus %n minutei iki sesijos pradžios.</numerusform>
            <numerusform>Registracija prasideda likus %n minutėms iki sesijos pradžios.</numerusform>
            <numerusform>Registracija prasideda likus %n minučių iki sesijos pradžios.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>There are no more sessions in this room.</source>
        <translation>Šioje salėje daugiau sesijų nebus.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="20"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard – registracija</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml" line="30"/>
        <source>Printing your badge…</source>
        <translation>Spausdinama jūsų kortelė…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="28"/>
        <source>One moment, please…</source>
        <translation>Palaukite akimirką…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="29"/>
        <source>Printing your badge, %1…</source>
        <translation>Spausdinama jūsų kortelė, %1…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="40"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Kortelę paimsite iš spausdintuvo apačioje.</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml" line="13"/>
        <source>You are already checked in</source>
        <translation>Jūsų atvykimas jau užregistruotas</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="14"/>
        <source>Please scan again</source>
        <translation>Nuskenuokite dar kartą</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="15"/>
        <source>This registration is cancelled</source>
        <translation>Ši registracija atšaukta</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="16"/>
        <source>We do not know this code</source>
        <translation>Šis kodas mums nežinomas</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="17"/>
        <source>This code is not valid</source>
        <translation>Šis kodas negalioja</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="18"/>
        <source>This code has been replaced</source>
        <translation>Šis kodas pakeistas nauju</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="19"/>
        <source>Your badge could not be printed</source>
        <translation>Jūsų kortelės atspausdinti nepavyko</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="20"/>
        <source>We could not confirm it is you</source>
        <translation>Nepavyko patvirtinti, kad tai jūs</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="21"/>
        <source>You are not registered for this session</source>
        <translation>Jūs neužsiregistravote į šią sesiją</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="22"/>
        <source>This session is full</source>
        <translation>Ši sesija pilna</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="23"/>
        <source>This session is not open now</source>
        <translation>Ši sesija dabar neatidaryta</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="24"/>
        <source>This kiosk is not allowed to check in</source>
        <translation>Šiam kioskui neleidžiama registruoti</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="25"/>
        <source>The check-in server cannot be reached</source>
        <translation>Registracijos serveris nepasiekiamas</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="26"/>
        <source>Something went wrong</source>
        <translation>Įvyko klaida</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="33"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Atvykimas užregistruotas: %1. Dėl antros kortelės kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="34"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Dėl antros kortelės kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="35"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Jums išduota naujesnė kortelė. Nuskenuokite naujausią kodą arba kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="36"/>
        <source>Only part of the code was read. Hold it still under the scanner, a hand&apos;s width away.</source>
        <translation>Nuskaityta tik dalis kodo. Laikykite jį ramiai po skaitytuvu, maždaug delno atstumu.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="37"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Jūsų atvykimas užregistruotas. Dėl kortelės kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="38"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Pabandykite dar kartą po akimirkos arba kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="39"/>
        <source>Please go to the help desk with an ID. We will print your badge there.</source>
        <translation>Prašome eiti į informacijos stalą su asmens dokumentu. Ten atspausdinsime jūsų kortelę.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="40"/>
        <source>Please ask the staff at the door about other sessions.</source>
        <translation>Apie kitas sesijas klauskite darbuotojų prie durų.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="41"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Kreipkitės į informacijos stalą – ten jums padės.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="75"/>
        <source>Try again</source>
        <translation>Bandyti dar kartą</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="76"/>
        <source>Start over</source>
        <translation>Pradėti iš naujo</translation>
    </message>
</context>
<context>
    <name>ProofPage</name>
    <message>
        <location filename="../qml/ProofPage.qml" line="30"/>
        <source>%1, please confirm it is you</source>
        <translation>%1, patvirtinkite, kad tai jūs</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="38"/>
        <source>Type the first %n letter(s) of the e-mail address you registered with.</source>
        <translation>
            <numerusform>Įveskite pirmąją el. pašto adreso, kuriuo registravotės, raidę.</numerusform>
            <numerusform>Įveskite pirmąsias %n el. pašto adreso, kuriuo registravotės, raides.</numerusform>
            <numerusform>Įveskite pirmųjų %n el. pašto adreso, kuriuo registravotės, raidžių.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="47"/>
        <source>That does not match. %n try/tries left.</source>
        <translation>
            <numerusform>Nesutampa. Liko %n bandymas.</numerusform>
            <numerusform>Nesutampa. Liko %n bandymai.</numerusform>
            <numerusform>Nesutampa. Liko %n bandymų.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="80"/>
        <source>Check in</source>
        <translation>Registruotis</translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="88"/>
        <source>Cancel</source>
        <translation>Atšaukti</translation>
    </message>
</context>
<context>
    <name>ReadingIndicator</name>
    <message>
        <location filename="../qml/ReadingIndicator.qml" line="21"/>
        <source>Reading…</source>
        <translation>Skaitoma…</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/SearchPage.qml" line="26"/>
        <source>Find your name</source>
        <translation>Raskite savo vardą</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="42"/>
        <source>Type your first or last name</source>
        <translation>Įveskite vardą arba pavardę</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="60"/>
        <source>Back</source>
        <translation>Atgal</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="69"/>
        <source>More names match than fit here: type more letters of your name.</source>
        <translation>Atitinka daugiau vardų, nei telpa: įveskite daugiau savo vardo raidžių.</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="103"/>
        <source>No name found yet. Try fewer letters, or go to the help desk.</source>
        <translation>Vardas dar nerastas. Įveskite mažiau raidžių arba eikite į informacijos stalą.</translation>
    </message>
</context>
<context>
    <name>SetupProblemPage</name>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="15"/>
        <source>This door is set up for session %1, which the event does not have.</source>
        <translation>Šios durys nustatytos sesijai %1, kurios šiame renginyje nėra.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="17"/>
        <source>This door is set up for the room “%1”, which no session of the event uses.</source>
        <translation>Šios durys nustatytos salei „%1“, kurioje šiame renginyje nėra jokios sesijos.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="46"/>
        <source>Please call staff.</source>
        <translation>Pakvieskite darbuotojus.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../qml/StaffPage.qml" line="19"/>
        <source>Printer ready</source>
        <translation>Spausdintuvas paruoštas</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="20"/>
        <source>Printer out of paper</source>
        <translation>Spausdintuvui baigėsi popierius</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="21"/>
        <source>Printer offline</source>
        <translation>Spausdintuvas neprijungtas</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="22"/>
        <source>Printer error</source>
        <translation>Spausdintuvo klaida</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="26"/>
        <source>No copy yet</source>
        <translation>Kopijos dar nėra</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="27"/>
        <source>Copy from %1</source>
        <translation>Kopija %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="31"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>Registracijos serveris nepasiekiamas. Bandykite dar kartą po akimirkos.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="32"/>
        <source>The badge could not be printed. Check the printer, then try again.</source>
        <translation>Ženklelio atspausdinti nepavyko. Patikrinkite spausdintuvą ir bandykite dar kartą.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="33"/>
        <source>This registration is cancelled: no badge.</source>
        <translation>Ši registracija atšaukta: ženklelio nebus.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="34"/>
        <source>This code belongs to no delegate.</source>
        <translation>Šis kodas nepriklauso jokiam dalyviui.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="35"/>
        <source>That did not work. Please try again, or use the admin tools.</source>
        <translation>Nepavyko. Bandykite dar kartą arba naudokite administravimo įrankius.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Offline: using this kiosk&apos;s copy</source>
        <translation>Neprisijungta: naudojama šio kiosko kopija</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Online</source>
        <translation>Prisijungta</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="116"/>
        <source>Waiting for upload: %1</source>
        <translation>Laukia išsiuntimo: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="97"/>
        <source>Leave staff mode</source>
        <translation>Išeiti iš personalo režimo</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="144"/>
        <source>Name of the delegate</source>
        <translation>Dalyvio vardas</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="162"/>
        <source>Find a delegate by name, or scan their badge or confirmation code. A walk-in must first be added at the help desk.</source>
        <translation>Raskite dalyvį pagal vardą arba nuskaitykite jo ženklelį ar patvirtinimo kodą. Neregistruotą atvykusįjį pirmiausia reikia įtraukti informacijos stalelyje.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="256"/>
        <source>Checked in: %1.</source>
        <translation>Užregistruotas: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="257"/>
        <source>Not checked in yet.</source>
        <translation>Dar neužregistruotas.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="258"/>
        <source>A badge was printed before.</source>
        <translation>Ženklelis jau buvo atspausdintas.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="259"/>
        <source>No badge printed yet.</source>
        <translation>Ženklelis dar nespausdintas.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="271"/>
        <source>Notes: %1</source>
        <translation>Pastabos: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="281"/>
        <source>The code scanned is from an old badge, which no longer works.</source>
        <translation>Nuskaitytas kodas yra iš senos kortelės, kuri nebegalioja.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge again</source>
        <translation>Spausdinti ženklelį dar kartą</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="291"/>
        <source>Check in and print badge</source>
        <translation>Užregistruoti ir spausdinti ženklelį</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge</source>
        <translation>Spausdinti ženklelį</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="294"/>
        <source>Back</source>
        <translation>Atgal</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="313"/>
        <source>Printing the badge of %1…</source>
        <translation>Spausdinamas ženklelis: %1…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="314"/>
        <source>The badge of %1 is printed.</source>
        <translation>Ženklelis atspausdintas: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="325"/>
        <source>Next delegate</source>
        <translation>Kitas dalyvis</translation>
    </message>
</context>
<context>
    <name>StaffPinPage</name>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="53"/>
        <source>Staff mode</source>
        <translation>Personalo režimas</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="64"/>
        <source>Wrong PIN. Please try again.</source>
        <translation>Neteisingas PIN. Bandykite dar kartą.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="65"/>
        <source>Too many wrong PINs. This kiosk is locked for staff for a while.</source>
        <translation>Per daug neteisingų PIN. Personalo režimas šiame kioske kurį laiką užrakintas.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="66"/>
        <source>This event has no staff PIN. An admin can set one.</source>
        <translation>Šis renginys neturi personalo PIN. Jį gali nustatyti administratorius.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="67"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>Registracijos serveris nepasiekiamas. Bandykite dar kartą po akimirkos.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="68"/>
        <source>Staff mode could not be opened. Please try again.</source>
        <translation>Personalo režimo atidaryti nepavyko. Bandykite dar kartą.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Checking…</source>
        <translation>Tikrinama…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Enter the staff PIN.</source>
        <translation>Įveskite personalo PIN.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="97"/>
        <source>Cancel</source>
        <translation>Atšaukti</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="117"/>
        <source>Delete</source>
        <translation>Ištrinti</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml" line="27"/>
        <source>Staff</source>
        <translation>Personalas</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="65"/>
        <source>The badge printer is out of paper. You can still check in; collect your badge at the help desk.</source>
        <translation>Kortelių spausdintuve baigėsi popierius. Užsiregistruoti galite; kortelę atsiimkite prie informacijos stalo.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="66"/>
        <source>The badge printer is not working. You can still check in; collect your badge at the help desk.</source>
        <translation>Kortelių spausdintuvas neveikia. Užsiregistruoti galite; kortelę atsiimkite prie informacijos stalo.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="91"/>
        <source>Connecting to the server…</source>
        <translation>Jungiamasi prie serverio…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="103"/>
        <source>Welcome!</source>
        <translation>Sveiki atvykę!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>No session in this room now</source>
        <translation>Šioje salėje dabar nėra sesijos</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="149"/>
        <source>Next: %1 at %2</source>
        <translation>Kita: %1, pradžia %2</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="146"/>
        <source>There are no more sessions in this room.</source>
        <translation>Šioje salėje daugiau sesijų nebus.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="44"/>
        <source>This kiosk is offline: please use another kiosk or the help desk.</source>
        <translation>Šis kioskas neprisijungęs: naudokitės kitu kiosku arba kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>This session is not open now</source>
        <translation>Ši sesija dabar neatidaryta</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="147"/>
        <source>This session is over.</source>
        <translation>Ši sesija jau baigėsi.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="151"/>
        <source>%1 starts at %2.</source>
        <translation>%1 prasideda %2.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="175"/>
        <source>Scan your badge to leave.</source>
        <translation>Norėdami išeiti, nuskenuokite savo kortelę.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="176"/>
        <source>Scan your badge to enter.</source>
        <translation>Norėdami įeiti, nuskenuokite savo kortelę.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="177"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Po skaitytuvu nuskenuokite QR kodą iš patvirtinimo el. laiško.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="189"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>Neturite QR kodo? Kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="197"/>
        <source>No QR code? Find your name</source>
        <translation>Neturite QR kodo? Raskite savo vardą</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am entering</source>
        <translation>Įeinu</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am leaving</source>
        <translation>Išeinu</translation>
    </message>
</context>
</TS>

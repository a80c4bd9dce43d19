<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="lt">
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard – registracija</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Connecting to the server…</source>
        <translation>Jungiamasi prie serverio…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Welcome!</source>
        <translation>Sveiki atvykę!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Po skaitytuvu nuskenuokite QR kodą iš patvirtinimo el. laiško.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>Neturite QR kodo? Kreipkitės į informacijos stalą.</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Is this you?</source>
        <translation>Ar tai jūs?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>Yes, print my badge</source>
        <translation>Taip, spausdinti mano kortelę</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml"/>
        <source>No, this is not me</source>
        <translation>Ne, tai ne aš</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Printing your badge…</source>
        <translation>Spausdinama jūsų kortelė…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>One moment, please…</source>
        <translation>Palaukite akimirką…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Kortelę paimsite iš spausdintuvo apačioje.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Welcome back!</source>
        <translation>Sveiki sugrįžę!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Please take your badge.</source>
        <translation>Pasiimkite savo kortelę.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, jūsų atvykimas užregistruotas. Geros konferencijos!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml"/>
        <source>Done</source>
        <translation>Baigta</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are already checked in</source>
        <translation>Jūsų atvykimas jau užregistruotas</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This registration is cancelled</source>
        <translation>Ši registracija atšaukta</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>We do not know this code</source>
        <translation>Šis kodas mums nežinomas</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code is not valid</source>
        <translation>Šis kodas negalioja</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>This code has been replaced</source>
        <translation>Šis kodas pakeistas nauju</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Your badge could not be printed</source>
        <translation>Jūsų kortelės atspausdinti nepavyko</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>The check-in server cannot be reached</source>
        <translation>Registracijos serveris nepasiekiamas</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Something went wrong</source>
        <translation>Įvyko klaida</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Atvykimas užregistruotas: %1. Dėl antros kortelės kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Dėl antros kortelės kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Jums išduota naujesnė kortelė. Nuskenuokite naujausią kodą arba kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Jūsų atvykimas užregistruotas. Dėl kortelės kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Pabandykite dar kartą po akimirkos arba kreipkitės į informacijos stalą.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Kreipkitės į informacijos stalą – ten jums padės.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Try again</source>
        <translation>Bandyti dar kartą</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml"/>
        <source>Start over</source>
        <translation>Pradėti iš naujo</translation>
    </message>
</context>
</TS>

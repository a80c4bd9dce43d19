#!/usr/bin/env python3
"""Generate the Lanyard demo event: the "Integrating Cities" conference, Prague, 12-13 May 2026.

Writes delegates.csv and sessions.csv beside this script. Python 3 standard library only and fully
deterministic: one random.Random(20261126) drives every choice, all pools are lists iterated in a
fixed order, sets are used for membership tests only, and nothing depends on the locale, the
current time or the working directory. Running it twice produces byte-identical files.

    python3 deploy/demo/generate.py           # (re)write the two CSV files
    python3 deploy/demo/generate.py --check   # verify the committed CSVs are current and sound

Longer than 600 lines because most of it is data: the name, city and organisation pools of a
conference of European cities, in their own scripts.

All people, e-mail addresses and ticket codes are invented, except Simona Bieliūnė, Deputy Mayor
of Vilnius, who is named in the public report the event is modelled on. E-mail addresses use only
reserved example domains (RFC 2606: *.example, example.org, example.com, example.net).
"""

import csv
import io
import random
import sys
import unicodedata
from pathlib import Path

SEED = 20261126
N_DELEGATES = 340
HERE = Path(__file__).resolve().parent

DELEGATE_HEADER = ["external_ref", "given_name", "family_name", "latin_name", "organisation", "city", "country",
                   "category", "email", "language", "notes", "status", "ticket_code", "sessions"]
SESSION_HEADER = ["external_ref", "title", "room", "start", "end", "capacity",
                  "registration_required"]

# pretix's default ticket secrets: 32 characters, lower case and digits, without o/0, 1/i/l.
TICKET_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
TICKET_LENGTH = 32

# Pools whose names are written in Arabic script.
ARABIC_SCRIPT_POOLS = ("ar",)

# --------------------------------------------------------------------------------------------
# Name pools. Given names per gender; family names either a plain list (same for both genders)
# or (male, female) pairs. An entry may be a (native, latin) tuple for non-Latin scripts: the
# native form goes on the badge, the Latin form into the e-mail address and, for most people
# registered in Arabic script, into latin_name (their own Latin spelling).
# --------------------------------------------------------------------------------------------

POOLS = {
    "cs": {
        "lang": "cs",
        "gendered": True,  # family names are (male, female) pairs
        "m": ["Jan", "Petr", "Tomáš", "Jiří", "Martin", "Lukáš", "Jakub", "Ondřej", "Vojtěch",
              "Zdeněk", "Miroslav", "Radek", "Matěj", "Štěpán", "Vít", "Přemysl"],
        "f": ["Jana", "Tereza", "Lucie", "Kateřina", "Markéta", "Eva", "Petra", "Zuzana",
              "Veronika", "Barbora", "Michaela", "Šárka", "Hana", "Lenka", "Radka", "Dagmar"],
        "fam": [("Novák", "Nováková"), ("Dvořák", "Dvořáková"), ("Řezníček", "Řezníčková"),
                ("Svoboda", "Svobodová"), ("Černý", "Černá"), ("Procházka", "Procházková"),
                ("Kučera", "Kučerová"), ("Veselý", "Veselá"), ("Horák", "Horáková"),
                ("Němec", "Němcová"), ("Pospíšil", "Pospíšilová"), ("Hájek", "Hájková"),
                ("Král", "Králová"), ("Růžička", "Růžičková"), ("Beneš", "Benešová"),
                ("Fiala", "Fialová"), ("Šťastný", "Šťastná"), ("Křížek", "Křížková"),
                ("Jelínek", "Jelínková"), ("Doležal", "Doležalová"), ("Zeman", "Zemanová"),
                ("Kolář", "Kolářová"), ("Čermák", "Čermáková"), ("Bartoš", "Bartošová"),
                ("Vondráček", "Vondráčková"), ("Šebesta", "Šebestová")],
    },
    "sk": {
        "lang": "sk",
        "gendered": True,  # family names are (male, female) pairs
        "m": ["Ľubomír", "Juraj", "Martin", "Peter", "Michal", "Marek", "Tomáš", "Ján", "Ľuboš"],
        "f": ["Zuzana", "Katarína", "Lucia", "Jana", "Monika", "Ľudmila", "Mária", "Andrea"],
        "fam": [("Kováč", "Kováčová"), ("Ďurica", "Ďuricová"), ("Horváth", "Horváthová"),
                ("Baláž", "Balážová"), ("Tóth", "Tóthová"), ("Šimko", "Šimková"),
                ("Lukáč", "Lukáčová"), ("Vrábel", "Vrábelová"), ("Hudák", "Hudáková"),
                ("Ďuriš", "Ďurišová")],
    },
    "lt": {
        "lang": "lt",
        "gendered": True,  # family names are (male, female) pairs
        "m": ["Tomas", "Mindaugas", "Darius", "Andrius", "Gintaras", "Vytautas", "Rokas",
              "Justinas", "Paulius", "Žygimantas"],
        "f": ["Rūta", "Eglė", "Aistė", "Ieva", "Giedrė", "Jurgita", "Dalia", "Gintarė", "Agnė",
              "Živilė"],
        "fam": [("Kazlauskas", "Kazlauskienė"), ("Jankauskas", "Jankauskaitė"),
                ("Petrauskas", "Petrauskienė"), ("Stankevičius", "Stankevičiūtė"),
                ("Vasiliauskas", "Vasiliauskienė"), ("Žukauskas", "Žukauskaitė"),
                ("Butkus", "Butkutė"), ("Paulauskas", "Paulauskienė"), ("Urbonas", "Urbonienė"),
                ("Kavaliauskas", "Kavaliauskaitė"), ("Šimkus", "Šimkutė"),
                ("Balčiūnas", "Balčiūnienė")],
    },
    "lv": {
        "lang": "lv",
        "gendered": True,  # family names are (male, female) pairs
        "m": ["Jānis", "Andris", "Mārtiņš", "Edgars", "Kārlis", "Artūrs"],
        "f": ["Līga", "Ilze", "Inese", "Anete", "Kristīne", "Dace"],
        "fam": [("Bērziņš", "Bērziņa"), ("Kalniņš", "Kalniņa"), ("Ozoliņš", "Ozoliņa"),
                ("Jansons", "Jansone"), ("Krūmiņš", "Krūmiņa"), ("Vītols", "Vītola"),
                ("Zariņš", "Zariņa")],
    },
    "et": {
        "lang": "et",
        "m": ["Jüri", "Andres", "Toomas", "Margus", "Rasmus", "Priit"],
        "f": ["Kädi", "Liis", "Triin", "Kadri", "Mari-Liis", "Piret"],
        "fam": ["Tamm", "Saar", "Sepp", "Mägi", "Kask", "Põder", "Ilves", "Kukk", "Rebane",
                "Lepik"],
    },
    "pl": {
        "lang": "pl",
        "gendered": True,  # family names are (male, female) pairs
        "m": ["Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Łukasz", "Grzegorz",
              "Wojciech", "Jakub", "Maciej"],
        "f": ["Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Joanna", "Magdalena", "Zofia",
              "Aleksandra", "Justyna", "Ewa", "Jadwiga"],
        "fam": [("Łukasiewicz", "Łukasiewicz"), ("Wężyk", "Wężyk"), ("Kowalski", "Kowalska"),
                ("Wiśniewski", "Wiśniewska"), ("Wójcik", "Wójcik"), ("Kamiński", "Kamińska"),
                ("Lewandowski", "Lewandowska"), ("Zieliński", "Zielińska"),
                ("Szymański", "Szymańska"), ("Woźniak", "Woźniak"), ("Dąbrowski", "Dąbrowska"),
                ("Kozłowski", "Kozłowska"), ("Jankowski", "Jankowska"), ("Mazur", "Mazur"),
                ("Krawczyk", "Krawczyk"), ("Grzybowski", "Grzybowska"), ("Żak", "Żak"),
                ("Sobczak", "Sobczak")],
    },
    "de": {
        "lang": "de",
        "m": ["Thomas", "Michael", "Andreas", "Stefan", "Jens", "Matthias", "Jörg", "Jürgen",
              "Felix", "Lukas", "Maximilian", "Tobias", "Sebastian", "Uwe", "Björn"],
        "f": ["Anna", "Julia", "Katrin", "Sabine", "Claudia", "Jana", "Lena", "Sophie", "Jutta",
              "Franziska", "Birgit", "Annegret", "Lea", "Miriam", "Bärbel"],
        "fam": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
                "Becker", "Schulz", "Hoffmann", "Großmann", "Weiß", "Krüger", "Schäfer", "Koch",
                "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz",
                "Zimmermann", "Braun", "Hartmann", "Lange", "Köhler", "Strauß", "Groß", "Jäger",
                "Böhm", "Vogel", "Löffler", "Fuß"],
    },
    "fr": {
        "lang": "fr",
        "m": ["Jean-Baptiste", "Pierre", "Nicolas", "Julien", "François", "Mathieu", "Olivier",
              "Thibault", "Guillaume", "Antoine", "Rémi", "Loïc"],
        "f": ["Marie", "Camille", "Élodie", "Sophie", "Claire", "Anaïs", "Hélène", "Chloé",
              "Mathilde", "Aurélie", "Léa", "Françoise", "Céline", "Noémie"],
        "fam": ["Martin", "Bernard", "Dubois", "Robert", "Richard", "Petit", "Durand", "Leroy",
                "Moreau", "Lefèvre", "Laurent", "Fournier", "Girard", "Bonnet", "Dupont",
                "Lambert", "Fontaine", "Rousseau", "Chevalier", "Lemaître", "Faure", "Mercier",
                "Blanc", "Guérin", "Gauthier", "Perrin", "Roussel", "Noël", "Bélanger"],
    },
    "it": {
        "lang": "it",
        "m": ["Marco", "Giuseppe", "Alessandro", "Luca", "Francesco", "Matteo", "Andrea",
              "Lorenzo", "Davide", "Niccolò", "Stefano", "Paolo"],
        "f": ["Giulia", "Francesca", "Chiara", "Sara", "Valentina", "Federica", "Elena",
              "Martina", "Silvia", "Alessia", "Beatrice", "Ilaria", "Lucia"],
        "fam": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
                "Marino", "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
                "Giordano", "Rizzo", "Lombardi", "Moretti", "D'Amico", "D'Angelo", "Fabbri",
                "Barbieri", "Santoro", "Marchetti", "Pellegrini", "Caruso", "Zanetti",
                "Sartori", "Benedetti"],
    },
    "nl": {
        "lang": "nl",
        "m": ["Pieter", "Jan", "Daan", "Bram", "Sander", "Joost", "Thijs", "Maarten", "Ruben",
              "Wouter", "Sven", "Koen"],
        "f": ["Sanne", "Anouk", "Lotte", "Femke", "Eva", "Marloes", "Inge", "Fleur", "Noor",
              "Ilse", "Mirjam", "Lieke"],
        "fam": ["de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit",
                "de Jong", "de Boer", "Mulder", "Meijer", "Bos", "Vos", "Hendriks",
                "van Leeuwen", "Dekker", "Brouwer", "de Wit", "van der Meer", "Kuipers",
                "Verhoeven", "IJzerman"],
    },
    "nl-BE": {
        "lang": "nl",
        "m": ["Wouter", "Pieter-Jan", "Jens", "Stijn", "Bart", "Koen", "Joris"],
        "f": ["Lies", "Ann", "Els", "Griet", "Hanne", "Sofie", "Katrien"],
        "fam": ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes",
                "Goossens", "Wouters", "De Smet", "Vermeulen", "Van de Velde", "Verstraete",
                "De Clercq"],
    },
    "fi": {
        "lang": "fi",
        "m": ["Mikko", "Juha", "Antti", "Jussi", "Matti", "Ville", "Teemu", "Janne", "Lauri"],
        "f": ["Päivi", "Anna-Kaisa", "Riikka", "Satu", "Hanna", "Johanna", "Tiina", "Minna",
              "Aino", "Elina"],
        "fam": ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine",
                "Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Häkkinen", "Ylönen",
                "Kärkkäinen", "Väisänen"],
    },
    "sv": {
        "lang": "sv",
        "m": ["Erik", "Lars", "Anders", "Johan", "Magnus", "Oskar", "Björn", "Henrik", "Gustav"],
        "f": ["Åsa", "Karin", "Maria", "Ingrid", "Linnéa", "Sofia", "Elin", "Malin", "Ebba"],
        "fam": ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson",
                "Olsson", "Sjöström", "Lindqvist", "Bergström", "Åberg", "Söderberg",
                "Holmgren", "Lindgren", "Ekström", "Öberg"],
    },
    "nb": {
        "lang": "nb",
        "m": ["Ola", "Knut", "Håkon", "Eirik", "Sindre", "Øyvind", "Bjørn", "Torbjørn"],
        "f": ["Ingrid", "Kari", "Solveig", "Ragnhild", "Sigrid", "Marte", "Ingeborg", "Tuva"],
        "fam": ["Hansen", "Johansen", "Olsen", "Larsen", "Pedersen", "Nilsen", "Kristiansen",
                "Berg", "Haugen", "Hagen", "Østby", "Bakken", "Sæther", "Løvås", "Dahl",
                "Solberg"],
    },
    "da": {
        "lang": "da",
        "m": ["Søren", "Mads", "Rasmus", "Jesper", "Anders", "Mikkel", "Frederik"],
        "f": ["Mette", "Signe", "Louise", "Camilla", "Ida", "Line", "Freja"],
        "fam": ["Jensen", "Nielsen", "Hansen", "Pedersen", "Christensen", "Mølgaard",
                "Sørensen", "Rasmussen", "Jørgensen", "Madsen", "Kjær", "Østergaard"],
    },
    "el": {
        "lang": "el",
        "m": [("Γιώργος", "Giorgos"), ("Νίκος", "Nikos"), ("Δημήτρης", "Dimitris"),
              ("Κώστας", "Kostas"), ("Γιάννης", "Giannis"), ("Αλέξανδρος", "Alexandros"),
              ("Παναγιώτης", "Panagiotis"), ("Χρήστος", "Christos")],
        "f": [("Ελένη", "Eleni"), ("Μαρία", "Maria"), ("Κατερίνα", "Katerina"),
              ("Σοφία", "Sofia"), ("Δέσποινα", "Despoina"), ("Αικατερίνη", "Aikaterini"),
              ("Ευαγγελία", "Evangelia"), ("Αθηνά", "Athina")],
        "fam": [(("Παπαδόπουλος", "Papadopoulos"), ("Παπαδοπούλου", "Papadopoulou")),
                (("Γεωργίου", "Georgiou"), ("Γεωργίου", "Georgiou")),
                (("Κωνσταντίνου", "Konstantinou"), ("Κωνσταντίνου", "Konstantinou")),
                (("Νικολάου", "Nikolaou"), ("Νικολάου", "Nikolaou")),
                (("Παπαδάκης", "Papadakis"), ("Παπαδάκη", "Papadaki")),
                (("Οικονόμου", "Oikonomou"), ("Οικονόμου", "Oikonomou")),
                (("Βασιλείου", "Vasileiou"), ("Βασιλείου", "Vasileiou")),
                (("Μαυρίδης", "Mavridis"), ("Μαυρίδου", "Mavridou")),
                (("Καραγιάννης", "Karagiannis"), ("Καραγιάννη", "Karagianni")),
                (("Ιωάννου", "Ioannou"), ("Ιωάννου", "Ioannou"))],
        "native_share": 0.5,  # the rest register in Latin transliteration
    },
    "es": {
        "lang": "es",
        "m": ["Javier", "Carlos", "Alejandro", "Sergio", "Pablo", "Álvaro", "Jesús", "Íñigo"],
        "f": ["María", "Lucía", "Carmen", "Laura", "Marta", "Elena", "Begoña", "Nuria",
              "Ainhoa", "Pilar"],
        "fam": ["García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez",
                "Pérez", "Gómez", "Jiménez", "Ruiz", "Muñoz", "Ibáñez", "Castillo", "Ortega",
                "Navarro", "Peña", "Gil"],
        "double_family": True,
    },
    "ca": {
        "lang": "ca",
        "m": ["Jordi", "Pau", "Oriol", "Marc", "Arnau", "Joan"],
        "f": ["Montserrat", "Núria", "Laia", "Mireia", "Júlia", "Aina"],
        "fam": ["Puig", "Vila", "Ferrer", "Serra", "Soler", "Font", "Martí", "Roig", "Pujol",
                "Casals", "Vidal", "Riera", "Sala"],
        "double_family": True,
    },
    "pt": {
        "lang": "pt",
        "m": ["João", "Pedro", "Tiago", "Rui", "Miguel", "Gonçalo", "Nuno", "André"],
        "f": ["Ana", "Inês", "Beatriz", "Joana", "Mariana", "Sofia", "Catarina", "Leonor"],
        "fam": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues",
                "Martins", "Sousa", "Gonçalves", "Fernandes", "Lopes", "Marques", "Carvalho",
                "Magalhães", "Araújo"],
        "double_family": True,
    },
    "hu": {
        "lang": "hu",
        "m": ["László", "Gábor", "Zoltán", "Péter", "Balázs", "Attila", "Dávid"],
        "f": ["Éva", "Katalin", "Zsófia", "Réka", "Anikó", "Ildikó", "Eszter"],
        "fam": ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár",
                "Németh", "Farkas", "Szűcs", "Győri", "Fekete", "Bíró", "Szőke"],
    },
    "hr": {
        "lang": "hr",
        "m": ["Ivan", "Marko", "Luka", "Tomislav", "Krešimir", "Davor", "Željko", "Ante"],
        "f": ["Ivana", "Ana", "Marija", "Petra", "Đurđica", "Maja", "Vesna", "Nives"],
        "fam": ["Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Kovačić",
                "Knežević", "Vuković", "Marković", "Matić", "Tomić", "Šarić", "Đurić"],
    },
    "sl": {
        "lang": "sl",
        "m": ["Luka", "Matej", "Žiga", "Jure", "Gregor", "Primož", "Aljaž", "Rok"],
        "f": ["Špela", "Nina", "Maja", "Urška", "Tjaša", "Mojca", "Nataša", "Anja"],
        "fam": ["Novak", "Horvat", "Krajnc", "Kovačič", "Zupančič", "Potočnik", "Kos", "Vidmar",
                "Golob", "Žagar", "Kralj", "Mlakar", "Bizjak"],
    },
    "ro": {
        "lang": "ro",
        "m": ["Andrei", "Mihai", "Ștefan", "Alexandru", "Bogdan", "Radu", "Cristian", "Vlad"],
        "f": ["Ioana", "Maria", "Andreea", "Elena", "Alina", "Mihaela", "Raluca", "Oana"],
        "fam": ["Popescu", "Ionescu", "Rădulescu", "Țurcanu", "Dumitrescu", "Stoica",
                "Constantinescu", "Munteanu", "Moldovan", "Lungu", "Ștefănescu", "Mureșan"],
    },
    "en": {
        "lang": "en",
        "m": ["Conor", "Seán", "Patrick", "James", "Daniel", "Cian", "Oliver"],
        "f": ["Siobhán", "Aoife", "Niamh", "Emma", "Sarah", "Róisín", "Ciara"],
        "fam": ["O'Sullivan", "Murphy", "Kelly", "Byrne", "Ryan", "O'Brien", "Walsh",
                "McCarthy", "Doherty", "Clarke", "Ó Briain"],
    },
    "uk": {
        "lang": "uk",
        "m": [("Олександр", "Oleksandr"), ("Андрій", "Andrii"), ("Дмитро", "Dmytro"),
              ("Сергій", "Serhii"), ("Тарас", "Taras"), ("Богдан", "Bohdan"), ("Юрій", "Yurii"),
              ("Максим", "Maksym"), ("Іван", "Ivan"), ("Віталій", "Vitalii")],
        "f": [("Олександра", "Oleksandra"), ("Олена", "Olena"), ("Ірина", "Iryna"),
              ("Наталія", "Nataliia"), ("Оксана", "Oksana"), ("Юлія", "Yuliia"),
              ("Катерина", "Kateryna"), ("Світлана", "Svitlana"), ("Галина", "Halyna"),
              ("Ганна", "Hanna"), ("Євгенія", "Yevheniia")],
        "fam": [("Шевченко", "Shevchenko"), ("Коваленко", "Kovalenko"),
                ("Бондаренко", "Bondarenko"), ("Ткаченко", "Tkachenko"),
                ("Кравченко", "Kravchenko"), ("Олійник", "Oliinyk"), ("Мельник", "Melnyk"),
                ("Бойко", "Boiko"), ("Ковальчук", "Kovalchuk"), ("Поліщук", "Polishchuk"),
                ("Лисенко", "Lysenko"), ("Гнатюк", "Hnatiuk"), ("Руденко", "Rudenko"),
                ("Єременко", "Yeremenko"), ("Заїка", "Zaika"), ("Ґудзь", "Gudz"),
                (("Ковальський", "Kovalskyi"), ("Ковальська", "Kovalska"))],
        "native_share": 1.0,  # overridden to 0.8 for Ukrainians registering abroad
    },
    # Refugee and migrant community pools.
    "ar": {  # Arabic script (Syrian, Iraqi, Sudanese...)
        "lang": "ar",
        "m": [("محمد", "Mohammad"), ("أحمد", "Ahmad"), ("عمر", "Omar"), ("خالد", "Khaled"),
              ("يوسف", "Youssef"), ("حسن", "Hassan"), ("سامر", "Samer"), ("مازن", "Mazen")],
        "f": [("فاطمة", "Fatima"), ("نور", "Nour"), ("ريم", "Reem"), ("سارة", "Sara"),
              ("ليلى", "Layla"), ("هبة", "Hiba"), ("رنا", "Rana"), ("آمنة", "Amina")],
        "fam": [("العلي", "Al-Ali"), ("الخطيب", "Al-Khatib"), ("الحسن", "Al-Hassan"),
                ("حداد", "Haddad"), ("المصري", "Al-Masri"), ("الأحمد", "Al-Ahmad"),
                ("النجار", "Al-Najjar"), ("إبراهيم", "Ibrahim"), ("الشامي", "Al-Shami"),
                ("درويش", "Darwish")],
        "native_share": 1.0,
    },
    "ar-latn": {  # Syrian, Iraqi, Maghrebi names in Latin script
        "lang": "ar",
        "m": ["Mohammad", "Ahmad", "Omar", "Khaled", "Youssef", "Hussein", "Tarek", "Rami",
              "Fadi", "Karim", "Mohamed"],
        "f": ["Rasha", "Lina", "Dima", "Nour", "Hiba", "Rania", "Yasmin", "Ghada", "Aya",
              "Samira", "Fatima-Zahra"],
        "fam": ["Al-Ali", "Haddad", "Khoury", "Al-Hamwi", "Darwish", "Sabbagh", "Al-Homsi",
                "Kassem", "Mansour", "Hamdan", "Nasser", "El Amrani", "Bouazza", "Benali",
                "Al-Jabouri", "Saleh"],
    },
    "fa-latn": {  # Afghan names in Latin script
        "lang": "fa",
        "m": ["Farid", "Jawad", "Hamid", "Sohrab", "Ali Reza", "Zaher", "Nasir", "Mustafa"],
        "f": ["Fereshta", "Zahra", "Maryam", "Shabnam", "Mursal", "Khadija", "Parwana",
              "Tahmina"],
        "fam": ["Ahmadi", "Rahimi", "Hosseini", "Karimi", "Sultani", "Noori", "Haidari",
                "Mohammadi", "Sadat", "Amiri", "Nazari", "Wardak"],
    },
    "tr": {
        "lang": "tr",
        "m": ["Mehmet", "Mustafa", "Ahmet", "Emre", "Burak", "Cem", "Hakan", "Serkan", "Oğuz",
              "İlker"],
        "f": ["Ayşe", "Fatma", "Elif", "Zeynep", "Emine", "Gülşen", "Özlem", "Şule", "Büşra",
              "Derya", "İlknur"],
        "fam": ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Öztürk", "Aydın",
                "Özdemir", "Arslan", "Doğan", "Kılıç", "Çetin", "Koç", "Güneş", "Akgül"],
    },
    "ti-latn": {  # Eritrean and Ethiopian names
        "lang": "en",
        "m": ["Yonas", "Dawit", "Tesfay", "Samuel", "Mehari", "Biniam"],
        "f": ["Helen", "Senait", "Luwam", "Selam", "Yordanos", "Mebrat"],
        "fam": ["Tesfaye", "Gebremedhin", "Haile", "Berhane", "Tekle", "Kidane", "Abraha"],
    },
    "so-latn": {  # Somali names
        "lang": "en",
        "m": ["Abdirahman", "Mohamed", "Abdullahi", "Hassan", "Abdiaziz"],
        "f": ["Hodan", "Fadumo", "Ifrah", "Sahra", "Ubah"],
        "fam": ["Warsame", "Abdi", "Farah", "Osman", "Jama", "Nur"],
    },
    "vi": {  # Vietnamese, registered as given = middle + given, family = family name
        "lang": "vi",
        "m": ["Văn Hùng", "Minh Tuấn", "Đức Anh", "Quang Huy", "Văn Long"],
        "f": ["Thu Hà", "Ngọc Ánh", "Thị Hương", "Thanh Mai", "Thị Thảo"],
        "fam": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"],
    },
}

# Pools of people with a migrant background, by the country they now live in.
MIGRANT_POOLS = {
    "CZ": ["uk", "uk", "uk", "vi", "vi"],
    "SK": ["uk", "uk"],
    "PL": ["uk", "uk", "uk"],
    "LT": ["uk", "uk"],
    "LV": ["uk"],
    "EE": ["uk"],
    "DE": ["tr", "tr", "ar-latn", "ar-latn", "fa-latn", "uk", "ar"],
    "AT": ["tr", "fa-latn", "fa-latn", "ar-latn", "uk"],
    "NL": ["tr", "ar-latn", "ar-latn", "ti-latn", "uk"],
    "BE": ["ar-latn", "ar-latn", "tr", "uk"],
    "FR": ["ar-latn", "ar-latn", "ar", "fa-latn"],
    "IT": ["ar-latn", "ti-latn", "ti-latn", "fa-latn", "uk"],
    "ES": ["ar-latn", "ar-latn", "uk"],
    "PT": ["uk", "ar-latn"],
    "GR": ["fa-latn", "fa-latn", "ar-latn", "ar"],
    "SE": ["so-latn", "ar-latn", "ar", "fa-latn", "ti-latn"],
    "NO": ["so-latn", "ti-latn", "ar-latn", "uk"],
    "DK": ["tr", "ar-latn", "so-latn"],
    "FI": ["so-latn", "ar-latn", "uk", "fa-latn"],
}
MIGRANT_FALLBACK = ["uk", "ar-latn", "fa-latn"]

# --------------------------------------------------------------------------------------------
# Cities: (name, ISO country, name pool, city administration, other organisations, weight).
# Other organisations are (name, kind); kind decides the e-mail domain.
# --------------------------------------------------------------------------------------------

CITIES = [
    ("Prague", "CZ", "cs", "Magistrát hlavního města Prahy",
     [("Integration Centre Prague", "ngo"), ("Univerzita Karlova", "uni"),
      ("Ministerstvo vnitra České republiky", "gov"), ("Městská část Praha 3", "admin"),
      ("Sdružení pro integraci a migraci", "ngo"), ("Multikulturní centrum Praha", "ngo")], 30),
    ("Brno", "CZ", "cs", "Statutární město Brno",
     [("Masarykova univerzita", "uni"),
      ("Centrum na podporu integrace cizinců pro Jihomoravský kraj", "ngo"),
      ('Spolek "Nový domov" Brno', "ngo")], 5),
    ("Bologna", "IT", "it", "Comune di Bologna",
     [("Università di Bologna", "uni"), ("ASP Città di Bologna", "admin"),
      ("Cooperativa sociale Accoglienza Felsinea", "ngo")], 8),
    ("Milan", "IT", "it", "Comune di Milano",
     [("Politecnico di Milano", "uni"), ("Fondazione Città Aperta Milano", "ngo")], 5),
    ("Turin", "IT", "it", "Città di Torino",
     [("Università degli Studi di Torino", "uni")], 4),
    ("Naples", "IT", "it", "Comune di Napoli",
     [("Università degli Studi di Napoli Federico II", "uni")], 3),
    ("Grenoble", "FR", "fr", "Grenoble-Alpes Métropole",
     [("Université Grenoble Alpes", "uni"), ("Ville de Grenoble", "admin"),
      ("Maison des Habitants de Grenoble", "ngo")], 8),
    ("Lyon", "FR", "fr", "Ville de Lyon",
     [("Métropole de Lyon", "admin"), ("Forum Accueil Rhône", "ngo")], 5),
    ("Nantes", "FR", "fr", "Nantes Métropole",
     [("Université de Nantes", "uni")], 4),
    ("Lille", "FR", "fr", "Ville de Lille",
     [("Métropole Européenne de Lille", "admin"),
      ('Association "Accueil & Partage" Lille', "ngo")], 4),
    ("Strasbourg", "FR", "fr", "Ville et Eurométropole de Strasbourg",
     [("Université de Strasbourg", "uni")], 4),
    ("Düsseldorf", "DE", "de", "Landeshauptstadt Düsseldorf",
     [("Kommunales Integrationszentrum Düsseldorf", "admin"),
      ("Heinrich-Heine-Universität Düsseldorf", "uni"), ("Flüchtlingsrat Düsseldorf e.V.", "ngo")],
     8),
    ("Dortmund", "DE", "de", "Stadt Dortmund",
     [("Technische Universität Dortmund", "uni"), ("Nordstadt Integration e.V.", "ngo")], 8),
    ("Berlin", "DE", "de",
     "Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und "
     "Antidiskriminierung",
     [("Bezirksamt Neukölln von Berlin", "admin"), ("Humboldt-Universität zu Berlin", "uni"),
      ("Willkommensnetzwerk Berlin e.V.", "ngo")], 6),
    ("Leipzig", "DE", "de", "Stadt Leipzig",
     [("Universität Leipzig", "uni"), ("Referat für Migration und Integration Leipzig", "admin")],
     4),
    ("Munich", "DE", "de", "Landeshauptstadt München",
     [("Ludwig-Maximilians-Universität München", "uni")], 4),
    ("Vienna", "AT", "de", "Stadt Wien",
     [("Stadt Wien – Integration und Diversität (MA 17)", "admin"), ("Universität Wien", "uni"),
      ("Diakonie Flüchtlingsdienst Wien", "ngo")], 6),
    ("Vilnius", "LT", "lt", "City of Vilnius",
     [("Vilniaus miesto savivaldybė", "admin"), ("Vilniaus universitetas", "uni"),
      ("Vilniaus bendruomenių centras", "ngo")], 7),
    ("Riga", "LV", "lv", "Rīgas valstspilsētas pašvaldība",
     [("Latvijas Universitāte", "uni")], 3),
    ("Tallinn", "EE", "et", "Tallinna Linnavalitsus",
     [("Tallinna Ülikool", "uni")], 3),
    ("Warsaw", "PL", "pl", "Urząd m.st. Warszawy",
     [("Centrum Wielokulturowe w Warszawie", "ngo"), ("Uniwersytet Warszawski", "uni")], 6),
    ("Kraków", "PL", "pl", "Urząd Miasta Krakowa",
     [("Uniwersytet Jagielloński", "uni")], 4),
    ("Gdańsk", "PL", "pl", "Urząd Miejski w Gdańsku",
     [("Gdańskie Centrum Równego Traktowania", "ngo")], 4),
    ("Wrocław", "PL", "pl", "Urząd Miejski Wrocławia",
     [("Uniwersytet Wrocławski", "uni")], 4),
    ("Amsterdam", "NL", "nl", "Gemeente Amsterdam",
     [("Universiteit van Amsterdam", "uni"), ("Stichting Nieuwe Buren Amsterdam", "ngo")], 5),
    ("Rotterdam", "NL", "nl", "Gemeente Rotterdam",
     [("Erasmus Universiteit Rotterdam", "uni")], 4),
    ("Utrecht", "NL", "nl", "Gemeente Utrecht",
     [("Universiteit Utrecht", "uni")], 4),
    ("Brussels", "BE", "fr", "Ville de Bruxelles – Stad Brussel",
     [("Région de Bruxelles-Capitale", "admin"), ("Université libre de Bruxelles", "uni")], 4),
    ("Ghent", "BE", "nl-BE", "Stad Gent",
     [("Universiteit Gent", "uni"), ("Integratie en Inburgering Gent", "admin")], 4),
    ("Helsinki", "FI", "fi", "Helsingin kaupunki",
     [("Helsingin yliopisto", "uni")], 4),
    ("Tampere", "FI", "fi", "Tampereen kaupunki",
     [("Tampereen yliopisto", "uni")], 3),
    ("Oulu", "FI", "fi", "Oulun kaupunki",
     [("Oulun yliopisto", "uni")], 5),
    ("Stockholm", "SE", "sv", "Stockholms stad",
     [("Stockholms universitet", "uni")], 4),
    ("Gothenburg", "SE", "sv", "Göteborgs Stad",
     [("Göteborgs universitet", "uni")], 3),
    ("Oslo", "NO", "nb", "Oslo kommune",
     [("Universitetet i Oslo", "uni")], 3),
    ("Bergen", "NO", "nb", "Bergen kommune",
     [("Universitetet i Bergen", "uni")], 3),
    ("Copenhagen", "DK", "da", "Københavns Kommune",
     [("Københavns Universitet", "uni")], 3),
    ("Athens", "GR", "el", "Δήμος Αθηναίων",
     [("Athens Coordination Center for Migrant and Refugee issues", "admin"),
      ("Εθνικό και Καποδιστριακό Πανεπιστήμιο Αθηνών", "uni")], 6),
    ("Thessaloniki", "GR", "el", "Δήμος Θεσσαλονίκης",
     [("Αριστοτέλειο Πανεπιστήμιο Θεσσαλονίκης", "uni")], 3),
    ("Barcelona", "ES", "ca", "Ajuntament de Barcelona",
     [("Universitat de Barcelona", "uni")], 4),
    ("Zaragoza", "ES", "es", "Ayuntamiento de Zaragoza",
     [("Universidad de Zaragoza", "uni"), ("Casa de las Culturas de Zaragoza", "admin")], 5),
    ("Lisbon", "PT", "pt", "Câmara Municipal de Lisboa",
     [("Universidade de Lisboa", "uni")], 4),
    ("Porto", "PT", "pt", "Câmara Municipal do Porto",
     [("Universidade do Porto", "uni")], 3),
    ("Bratislava", "SK", "sk", "Hlavné mesto Slovenskej republiky Bratislava",
     [("Univerzita Komenského v Bratislave", "uni")], 3),
    ("Košice", "SK", "sk", "Mesto Košice",
     [("Technická univerzita v Košiciach", "uni")], 3),
    ("Budapest", "HU", "hu", "Budapest Főváros Önkormányzata",
     [("Eötvös Loránd Tudományegyetem", "uni")], 3),
    ("Zagreb", "HR", "hr", "Grad Zagreb",
     [("Sveučilište u Zagrebu", "uni"), ("Centar za mirovne studije", "ngo")], 5),
    ("Ljubljana", "SI", "sl", "Mestna občina Ljubljana",
     [("Univerza v Ljubljani", "uni")], 3),
    ("Cluj-Napoca", "RO", "ro", "Primăria Municipiului Cluj-Napoca",
     [("Universitatea Babeș-Bolyai", "uni")], 3),
    ("Dublin", "IE", "en", "Dublin City Council",
     [("Trinity College Dublin", "uni")], 3),
    ("Kyiv", "UA", "uk", "Київська міська державна адміністрація",
     [("Київський національний університет імені Тараса Шевченка", "uni")], 3),
    ("Kharkiv", "UA", "uk", "Харківська міська рада", [], 3),
    ("Lviv", "UA", "uk", "Львівська міська рада",
     [("Львівський національний університет імені Івана Франка", "uni")], 3),
    ("Odesa", "UA", "uk", "Одеська міська рада", [], 3),
    ("London", "GB", "en", "Greater London Authority", [], 0),
]
CITY = {c[0]: c for c in CITIES}

SIGNING_CITIES = ["Bologna", "Grenoble", "Düsseldorf", "Dortmund", "Vilnius"]
UNITES_CITIES = ["Düsseldorf", "Prague", "Oulu", "Grenoble", "Athens", "Bologna", "Zagreb",
                 "Zaragoza"]

COMMUNITY_ORGS = {
    "ar": ["Syrian Community Association {city}", "Arab Women's Forum {city}",
           "Refugee Voices {city}"],
    "ar-latn": ["Syrian Community Association {city}", "Refugee Voices {city}",
                "Migrant Youth Council {city}"],
    "fa-latn": ["Afghan Community Association {city}", "Afghan Women's Network {city}"],
    "uk": ["Ukrainian House {city}", "Ukrainian Community Centre {city}",
           "Ukrainian Women's Initiative {city}"],
    "tr": ["Turkish Community Council {city}", "Migrant Parents' Network {city}"],
    "ti-latn": ["Eritrean Community {city}", "Horn of Africa Diaspora Network {city}"],
    "so-latn": ["Somali Diaspora Association {city}"],
    "vi": ["Vietnamese Community {city}"],
}

ACCESSIBILITY_NOTES = [
    "wheelchair user: step-free route to Hall B",
    "needs hearing loop",
    "wheelchair user: step-free route to Main Hall and Mirror Hall",
    "visually impaired, guide dog: large-print programme",
    "needs International Sign interpreter",
    "reduced mobility: reserved aisle seat in Main Hall",
    "uses a mobility scooter; needs the lift to Room 2.14",
    'accompanied by a personal assistant ("PA" companion badge needed)',
    "needs hearing loop; prefers written instructions at the help desk",
]

# --------------------------------------------------------------------------------------------
# Sessions (Europe/Prague local time). Key, title, room, day, start, end, capacity, registration.
# --------------------------------------------------------------------------------------------

D1, D2 = "2026-05-12", "2026-05-13"
SESSIONS = [
    ("opening", "Opening plenary: Integrating Cities 2026", "Main Hall", D1, "09:30", "10:15",
     400, False),
    ("welcome", "Welcome by the Prague City Council", "Main Hall", D1, "10:15", "10:45", 400,
     False),
    ("dei_panel", "Panel: Narratives on migration and diversity, equality and inclusion (DEI) "
     "in European cities", "Main Hall", D1, "11:15", "12:45", 400, False),
    ("ws_codesign", "Workshop: Co-developing integration strategies with residents with a "
     "migrant background", "Room 2.14", D1, "14:00", "15:30", 40, True),
    ("ws_welcoming", "Workshop: Welcoming cities – the first 100 days of newcomers", "Hall B",
     D1, "14:00", "15:30", 60, True),
    ("ws_housing", "Workshop: Housing for refugees and low-income newcomers", "Room 2.15", D1,
     "14:00", "15:30", 30, True),
    ("ws_language", "Workshop: Language learning that works for working adults", "Room 3.01",
     D1, "14:00", "15:30", 25, True),
    ("charter", "Signing of the Charter of Integrating Cities", "Mirror Hall", D1, "16:00",
     "17:00", 80, True),
    ("reception", "Evening reception hosted by the City of Prague", "Gothic Hall, Old Town Hall",
     D1, "19:00", "21:30", 250, True),
    ("plenary_pact", "Plenary: Cities and the EU Pact on Migration and Asylum – from adoption "
     "to implementation", "Main Hall", D2, "09:00", "10:30", 400, False),
    ("unites", "UNITES project: final partner meeting", "Room 1.08 (Council Room)", D2, "11:00",
     "13:00", 30, True),
    ("ws_participation", "Workshop: Refugee participation in city policy", "Room 2.14", D2,
     "11:00", "12:30", 40, True),
    ("ws_employment", "Workshop: Employment and the recognition of skills", "Room 2.15", D2,
     "11:00", "12:30", 35, True),
    ("ws_ukraine", "Workshop: Temporary protection and beyond – cities and their Ukrainian "
     "residents", "Hall B", D2, "11:00", "12:30", 60, True),
    ("ws_employer", "Workshop: The city as an inclusive employer", "Room 3.01", D2, "11:00",
     "12:30", 25, True),
    ("study_visit", "Study visit: Integration Centre Prague",
     "Off-site: Integration Centre Prague (meet at the registration desk)", D2, "14:00", "16:30",
     25, True),
    ("ws_data", "Workshop: Measuring inclusion – data and indicators for local integration "
     "policy", "Room 2.14", D2, "14:00", "15:30", 40, True),
    ("closing", "Closing plenary and handover to the next host city", "Main Hall", D2, "16:45",
     "17:30", 400, False),
]
SESSION_REF = {s[0]: "ICC-S%02d" % (i + 1) for i, s in enumerate(SESSIONS)}
SESSION_CAP = {s[0]: s[6] for s in SESSIONS}

# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

_FOLD_SPECIAL = {"ß": "ss", "ẞ": "SS", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae",
                 "Æ": "AE", "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i", "þ": "th",
                 "ð": "d"}


def ascii_fold(text):
    """Latin text to plain lower-case ASCII: 'Dvořák' -> 'dvorak', 'Weiß' -> 'weiss'."""
    text = "".join(_FOLD_SPECIAL.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def email_part(latin):
    """'van den Berg' -> 'van-den-berg', "O'Sullivan" -> 'osullivan'."""
    out = []
    for ch in ascii_fold(latin):
        if "a" <= ch <= "z" or "0" <= ch <= "9":
            out.append(ch)
        elif ch in " -":
            out.append("-")
    return "-".join(p for p in "".join(out).split("-") if p)


def native_latin(entry, native):
    if isinstance(entry, tuple):
        return (entry[0] if native else entry[1]), entry[1]
    return entry, entry


class Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.people = []
        self.names = set()
        self.emails = set()

    # -- names ---------------------------------------------------------------------------------

    def pick_name(self, pool_key, gender=None, native_share=None):
        rng = self.rng
        pool = POOLS[pool_key]
        if native_share is None:
            native_share = pool.get("native_share", 1.0)
        native = rng.random() < native_share
        for _ in range(200):
            g = gender or rng.choice(["m", "f"])
            given, given_latin = native_latin(rng.choice(pool[g]), native)
            fam = self._family(pool, g, native)
            if pool.get("double_family"):
                second = self._family(pool, g, native)
                if second[0] != fam[0]:
                    fam = (fam[0] + " " + second[0], fam[1] + " " + second[1])
            # Unique in every script: no accidental "Коваленко" and "Kovalenko" namesakes.
            if (given, fam[0]) not in self.names and (given_latin, fam[1]) not in self.names:
                return given, fam[0], given_latin, fam[1]
        raise RuntimeError("name pool %s exhausted" % pool_key)

    def _family(self, pool, gender, native):
        entry = self.rng.choice(pool["fam"])
        if isinstance(entry, tuple) and len(entry) == 2 and not isinstance(entry[0], str):
            entry = entry[0] if gender == "m" else entry[1]  # ((m native, m latin), (f ...))
        elif isinstance(entry, tuple) and pool.get("gendered"):
            entry = entry[0] if gender == "m" else entry[1]  # (male, female), Latin script
        return native_latin(entry, native)

    # -- languages -----------------------------------------------------------------------------

    def pick_language(self, pool_key, city_name):
        rng = self.rng
        native = POOLS[pool_key]["lang"]
        local = POOLS[CITY[city_name][2]]["lang"]
        r = rng.random()
        if pool_key in ("cs", "sk", "lt", "lv", "pl", "de", "fr", "it", "es", "pt", "hu", "hr",
                        "sl", "ro", "el", "et"):
            return native if r < 0.85 else "en"
        if pool_key in ("nl", "nl-BE", "fi", "sv", "nb", "da"):
            return native if r < 0.65 else "en"
        if pool_key == "ca":
            return "ca" if r < 0.5 else ("es" if r < 0.8 else "en")
        if pool_key == "en":
            return "en"
        if pool_key == "uk":
            return "uk" if r < 0.9 else ("en" if local == "uk" else local)
        if pool_key == "ar":
            return "ar" if r < 0.9 else local
        if pool_key in ("ar-latn", "fa-latn"):
            return native if r < 0.4 else (local if r < 0.8 else "en")
        if pool_key == "tr":
            return "tr" if r < 0.45 else local
        if pool_key in ("ti-latn", "so-latn"):
            return "en" if r < 0.5 else local
        if pool_key == "vi":
            return "vi" if r < 0.4 else local
        return local

    # -- people --------------------------------------------------------------------------------

    def email_domain(self, city_name, org_kind):
        slug = email_part(city_name)
        if org_kind == "admin":
            return slug + ".example"
        if org_kind == "uni":
            return "uni-" + slug + ".example"
        if org_kind == "gov":
            return "gov-" + CITY[city_name][1].lower() + ".example"
        if org_kind == "press":
            return "example.com"
        if org_kind == "partner":
            return "example.net"
        return "example.org"

    def make_email(self, given_latin, family_latin, domain):
        g, f = email_part(given_latin), email_part(family_latin)
        local = g + "." + f
        if len(local) > 40:  # very long names: first given name, first family name
            local = g.split("-")[0] + "." + f.split("-")[0]
        email = local + "@" + domain
        n = 2
        while email in self.emails:
            email = "%s%d@%s" % (local, n, domain)
            n += 1
        self.emails.add(email)
        return email

    def add(self, city, category, pool=None, org=None, org_kind="admin", gender=None,
            name=None, language=None, native_share=None, allow_duplicate_name=False):
        c = CITY[city]
        pool = pool or c[2]
        if org is None:
            org = c[3]
        if name is None:
            given, family, given_latin, family_latin = self.pick_name(pool, gender, native_share)
        else:
            given, family = name[0], name[1]
            given_latin = name[2] if len(name) > 2 else given
            family_latin = name[3] if len(name) > 3 else family
        if (given, family) in self.names and not allow_duplicate_name:
            raise RuntimeError("duplicate name %s %s" % (given, family))
        self.names.add((given, family))
        self.names.add((given_latin, family_latin))
        if language is None:
            language = self.pick_language(pool, city)
        person = {
            "given_name": given,
            "family_name": family,
            "latin_name": "",
            "organisation": org,
            "city": city,
            "country": c[1],
            "category": category,
            "email": self.make_email(given_latin, family_latin, self.email_domain(city, org_kind)),
            "language": language,
            "notes": "",
            "status": "active",
            "ticket_code": "",
            "sessions": [],
            "_org_kind": org_kind,
            "_pool": pool,
            "_latin": (given_latin, family_latin),
        }
        self.people.append(person)
        return person

    def add_local(self, city, category):
        """A person from a city, employed by its administration or one of its organisations."""
        rng = self.rng
        c = CITY[city]
        if c[4] and rng.random() < 0.4:
            org, kind = rng.choice(c[4])
        else:
            org, kind = c[3], "admin"
        pool = c[2]
        if rng.random() < 0.12:
            pool = rng.choice(MIGRANT_POOLS.get(c[1], MIGRANT_FALLBACK))
        native_share = 0.8 if pool == "uk" and c[1] != "UA" else None
        return self.add(city, category, pool=pool, org=org, org_kind=kind,
                        native_share=native_share)

    def add_community(self, city, pool, gender=None, name=None, language=None, org=None):
        if org is None:
            org = self.rng.choice(COMMUNITY_ORGS[pool]).format(city=city)
        native_share = 0.8 if pool == "uk" and CITY[city][1] != "UA" else None
        return self.add(city, "community_representative", pool=pool, org=org, org_kind="ngo",
                        gender=gender, name=name, language=language, native_share=native_share)

    # -- the event -----------------------------------------------------------------------------

    def build(self):
        self.add_fixed_people()
        self.add_speakers()
        self.add_city_officials()
        self.add_community_representatives()
        self.add_press_staff_partners()
        self.add_delegates()
        self.finish()
        self.register_sessions()
        self.add_latin_spellings()
        return self.people

    def add_fixed_people(self):
        # The real speaker from the seed report.
        self.add("Vilnius", "speaker", name=("Simona", "Bieliūnė"), language="lt")
        # Search and badge-fitting edge cases.
        self.add("Milan", "delegate", org="Comune di Milano", name=("Li", "Na"), language="it")
        self.add("Vienna", "delegate", org="Universität Wien", org_kind="uni",
                 name=("Wei", "Li"), language="de")
        self.add("Stockholm", "delegate", org="Stockholms stad", name=("Bo", "Ek"), language="sv")
        self.add("Zaragoza", "city_official", org="Ayuntamiento de Zaragoza",
                 name=("María de los Ángeles", "Fernández de Córdoba y Sánchez-Villalobos"),
                 language="es")
        self.add("Lisbon", "delegate", org="Câmara Municipal de Lisboa",
                 name=("Maria João", "Vasconcelos de Albuquerque e Sousa Magalhães"),
                 language="pt")
        # Two different people with the same name (help desk disambiguation).
        self.add("Prague", "delegate", org="Magistrát hlavního města Prahy", name=("Jan", "Novák"),
                 language="cs")
        self.add("Brno", "delegate", org="Masarykova univerzita", org_kind="uni",
                 name=("Jan", "Novák"), language="cs", allow_duplicate_name=True)
        # One Müller, one Mueller: folding must find both for "muller"/"mueller" as it chooses.
        self.add("Düsseldorf", "delegate", org="Landeshauptstadt Düsseldorf",
                 name=("Anna", "Müller"), language="de")
        self.add("Vienna", "delegate", org="Stadt Wien", name=("Anna", "Mueller"), language="de")
        self.add("Dublin", "delegate", org="Dublin City Council", name=("Siobhán", "O'Sullivan"),
                 language="en")
        self.add("Amsterdam", "delegate", org="Gemeente Amsterdam",
                 name=("Femke", "IJzerman"), language="nl")
        self.add("Berlin", "delegate", org="Bezirksamt Neukölln von Berlin",
                 name=("İlknur", "Öztürk-Großmann"), language="de")
        self.add("Kraków", "delegate", org="Urząd Miasta Krakowa",
                 name=("Grzegorz", "Brzęczyszczykiewicz"), language="pl")
        self.add("Prague", "delegate", org="Městská část Praha 3", name=("Vít", "Řezníček"),
                 language="cs")
        self.add("Wrocław", "delegate", org="Urząd Miejski Wrocławia",
                 name=("Agnieszka", "Łukasiewicz"), language="pl")
        self.add("Gdańsk", "delegate", org="Urząd Miejski w Gdańsku", name=("Paweł", "Wężyk"),
                 language="pl")
        # Named community representatives from the brief.
        self.add_community("Prague", "uk", gender="f", name=("Олександра", "Коваленко",
                                                             "Oleksandra", "Kovalenko"),
                           language="uk", org="Ukrainian Community Centre Prague")
        self.add_community("Warsaw", "uk", gender="m", name=("Тарас", "Шевченко",
                                                            "Taras", "Shevchenko"),
                           language="uk", org="Ukrainian House Warsaw")
        self.add_community("Dortmund", "ar", gender="m", name=("محمد", "العلي",
                                                              "Mohammad", "Al-Ali"),
                           language="ar", org="Syrischer Kulturverein Dortmund e.V.")
        self.add_community("Vienna", "ar", gender="f", name=("فرشته", "احمدی",
                                                            "Fereshta", "Ahmadi"),
                           language="fa", org="Afghan Women's Network Vienna")
        self.add_community("Prague", "vi", gender="f", name=("Thị Lan", "Nguyễn"),
                           language="cs", org="Vietnamese Community Prague")
        for p in self.people:
            p["_fixed"] = True  # keep the named edge cases active

    def add_speakers(self):
        a = self.add
        a("Prague", "speaker")
        a("Prague", "speaker", org="Integration Centre Prague", org_kind="ngo")
        a("Bologna", "speaker")
        a("Grenoble", "speaker")
        a("Düsseldorf", "speaker")
        a("Dortmund", "speaker")
        a("Athens", "speaker", org="Athens Coordination Center for Migrant and Refugee issues",
          native_share=1.0)
        a("Zagreb", "speaker", org="Centar za mirovne studije", org_kind="ngo")
        a("Oulu", "speaker")
        a("Zaragoza", "speaker")
        a("Brussels", "speaker", pool="it", org="Eurocities", org_kind="partner", language="en")
        a("Amsterdam", "speaker", pool="ar-latn", gender="f", org="New Women Connectors",
          org_kind="partner", language="en")
        a("Berlin", "speaker", pool="tr", org="Humboldt-Universität zu Berlin", org_kind="uni",
          language="de")
        a("Kharkiv", "speaker")
        a("Lviv", "speaker")
        a("Strasbourg", "speaker", org="Council of Europe – Intercultural Cities Programme",
          org_kind="partner")
        a("Ghent", "speaker")
        a("Barcelona", "speaker")
        a("Vienna", "speaker", pool="fa-latn", org="Stadt Wien – Integration und Diversität (MA 17)",
          language="de")
        a("Brussels", "speaker", pool="pt",
          org="European Commission, Directorate-General for Migration and Home Affairs",
          org_kind="partner", language="pt")

    def add_city_officials(self):
        plan = [("Prague", 6), ("Bologna", 3), ("Grenoble", 3), ("Düsseldorf", 3),
                ("Dortmund", 3), ("Vilnius", 2), ("Oulu", 2), ("Athens", 2), ("Zagreb", 2),
                ("Zaragoza", 1), ("Brno", 1), ("Milan", 1), ("Lyon", 1), ("Berlin", 1),
                ("Vienna", 1), ("Warsaw", 1), ("Gdańsk", 1), ("Amsterdam", 1), ("Ghent", 1),
                ("Helsinki", 1), ("Stockholm", 1), ("Lisbon", 1), ("Kyiv", 1),
                ("Thessaloniki", 1)]
        for city, n in plan:
            for _ in range(n):
                # Greek city halls register their officials in Greek script.
                self.add(city, "city_official",
                         native_share=1.0 if CITY[city][1] == "GR" else None)

    def add_community_representatives(self):
        plan = [
            ("Düsseldorf", "ar"), ("Berlin", "ar"), ("Athens", "ar"), ("Bologna", "ar"),
            ("Lyon", "ar"), ("Stockholm", "ar"),
            ("Prague", "uk"), ("Kraków", "uk"), ("Vilnius", "uk"), ("Berlin", "uk"),
            ("Brno", "uk"), ("Bratislava", "uk"),
            ("Athens", "fa-latn"), ("Munich", "fa-latn"), ("Zagreb", "fa-latn"),
            ("Düsseldorf", "ar-latn"), ("Gothenburg", "ar-latn"), ("Oulu", "ar-latn"),
            ("Brussels", "ar-latn"), ("Zaragoza", "ar-latn"),
            ("Dortmund", "tr"), ("Rotterdam", "tr"),
            ("Bologna", "ti-latn"), ("Oslo", "ti-latn"),
            ("Helsinki", "so-latn"), ("Leipzig", "vi"),
        ]
        for city, pool in plan:
            self.add_community(city, pool)

    def add_press_staff_partners(self):
        a = self.add
        a("Prague", "press", org="Český rozhlas", org_kind="press")
        a("Prague", "press", org="Deník N", org_kind="press")
        a("Brussels", "press", pool="nl-BE", org="Euractiv", org_kind="press", language="en")
        a("Bologna", "press", org="Corriere di Bologna", org_kind="press")
        a("Kyiv", "press", org="Українське радіо", org_kind="press")
        for _ in range(4):
            a("Prague", "staff", org="Magistrát hlavního města Prahy")
        a("Prague", "staff", org="Integration Centre Prague", org_kind="ngo")
        a("Prague", "staff", pool="uk", org="Integration Centre Prague", org_kind="ngo",
          native_share=1.0)
        for pool in ["it", "nl-BE", "es", "pl"]:
            a("Brussels", "staff", pool=pool, org="Eurocities", org_kind="partner", language="en")
        a("Amsterdam", "partner", pool="ar-latn", gender="f", org="New Women Connectors",
          org_kind="partner", language="en")
        a("Amsterdam", "partner", pool="uk", gender="f", org="New Women Connectors",
          org_kind="partner", language="en", native_share=0.0)
        a("London", "partner", pool="en", org="MigrationWork", org_kind="partner")
        a("Brussels", "partner", pool="fr", org="Unitee – New European Business Confederation",
          org_kind="partner")
        a("Strasbourg", "partner", org="Council of Europe – Intercultural Cities Programme",
          org_kind="partner")
        a("Prague", "partner", org="Prague Convention Bureau", org_kind="partner")

    def add_delegates(self):
        rng = self.rng
        # Every city with a weight sends at least one plain delegate; the rest by weight.
        weighted = [c for c in CITIES if c[5] > 0]
        for c in weighted:
            self.add_local(c[0], "delegate")
        names = [c[0] for c in weighted]
        weights = [c[5] for c in weighted]
        while len(self.people) < N_DELEGATES:
            self.add_local(rng.choices(names, weights)[0], "delegate")

    def finish(self):
        rng = self.rng
        rng.shuffle(self.people)
        # Simona first: the demo's best-known delegate gets an easy-to-remember reference.
        simona = next(p for p in self.people if p["family_name"] == "Bieliūnė")
        self.people.remove(simona)
        self.people.insert(0, simona)
        codes = set()
        for i, p in enumerate(self.people):
            p["external_ref"] = "ICC-%04d" % (i + 1)
            if i == 0 or rng.random() < 0.5:
                while True:
                    code = "".join(rng.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))
                    if code not in codes:
                        break
                codes.add(code)
                p["ticket_code"] = code
        # Accessibility notes for a few people (never on a kiosk; staff only).
        for p, note in zip(rng.sample(self.people, len(ACCESSIBILITY_NOTES)), ACCESSIBILITY_NOTES):
            p["notes"] = note
        # A few cancellations among plain delegates (not the named edge cases).
        plain = [p for p in self.people if p["category"] == "delegate"
                 and not p.get("_fixed")]
        for p in rng.sample(plain, 5):
            p["status"] = "cancelled"

    def add_latin_spellings(self):
        """Most people registered in Arabic script also give their name in Latin letters, which no
        transliteration could guess (the vowels are not written). Drawn last, so that adding it
        changed no earlier draw."""
        for p in self.people:
            if p["_pool"] in ARABIC_SCRIPT_POOLS and p["given_name"] != p["_latin"][0] \
                    and self.rng.random() < 0.7:
                p["latin_name"] = p["_latin"][0] + " " + p["_latin"][1]

    def register_sessions(self):
        rng = self.rng
        taken = {key: 0 for key in SESSION_CAP}

        def reg(person, key):
            if key in person["sessions"] or taken[key] >= SESSION_CAP[key]:
                return False
            person["sessions"].append(key)
            taken[key] += 1
            return True

        # Charter signing: Simona, the signing cities' officials and speakers, Prague's
        # officials, the press, then further officials as capacity allows.
        for p in self.people:
            if p["family_name"] == "Bieliūnė":
                reg(p, "charter")
        for p in self.people:
            if p["city"] in SIGNING_CITIES and p["category"] in ("city_official", "speaker"):
                reg(p, "charter")
        for p in self.people:
            if (p["city"] == "Prague" and p["category"] == "city_official") \
                    or p["category"] == "press":
                reg(p, "charter")
        for p in self.people:
            if p["category"] in ("city_official", "partner") and rng.random() < 0.5:
                reg(p, "charter")
        for p in self.people:
            if p["category"] == "delegate" and p["city"] in SIGNING_CITIES \
                    and p["_org_kind"] == "admin" and rng.random() < 0.5:
                reg(p, "charter")

        # UNITES final partner meeting: three people per partner city, then the project's
        # non-city partners and two Eurocities staff. Fills the room exactly.
        for city in UNITES_CITIES:
            local = [p for p in self.people if p["city"] == city and p["_org_kind"] == "admin"]
            order = {"city_official": 0, "speaker": 1, "delegate": 2}
            local = [p for p in local if p["category"] in order]
            local.sort(key=lambda p: (order[p["category"]], p["external_ref"]))
            for p in local[:3]:
                reg(p, "unites")
        for p in self.people:
            if p["organisation"] in ("New Women Connectors", "MigrationWork",
                                     "Unitee – New European Business Confederation"):
                reg(p, "unites")
        eurocities_staff = [p for p in self.people
                            if p["organisation"] == "Eurocities" and p["category"] == "staff"]
        for p in eurocities_staff[:2]:
            reg(p, "unites")

        # Parallel workshops: at most one per time slot, never clashing with UNITES.
        slot_a = [("ws_codesign", 4), ("ws_welcoming", 5), ("ws_housing", 3), ("ws_language", 3)]
        slot_b = [("ws_participation", 4), ("ws_employment", 3), ("ws_ukraine", 4),
                  ("ws_employer", 2)]
        slot_c = [("study_visit", 3), ("ws_data", 2)]
        for p in self.people:
            if p["category"] == "staff":
                continue
            for slot, chance in ((slot_a, 0.42), (slot_b, 0.42), (slot_c, 0.22)):
                if slot is slot_b and "unites" in p["sessions"]:
                    continue
                if rng.random() >= chance:
                    continue
                keys = [k for k, _ in slot]
                first = rng.choices(keys, [w for _, w in slot])[0]
                # Full? Try the others in programme order, else go without.
                for key in [first] + [k for k in keys if k != first]:
                    if reg(p, key):
                        break
            if rng.random() < 0.65:
                reg(p, "reception")

        order = [s[0] for s in SESSIONS]
        for p in self.people:
            p["sessions"] = [k for k in order if k in p["sessions"]]


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def render_delegates(people):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(DELEGATE_HEADER)
    for p in people:
        row = dict(p)
        row["sessions"] = "|".join(SESSION_REF[k] for k in p["sessions"])
        w.writerow([row[h] for h in DELEGATE_HEADER])
    return buf.getvalue()


def render_sessions():
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SESSION_HEADER)
    for key, title, room, day, start, end, cap, reg in SESSIONS:
        w.writerow([SESSION_REF[key], title, room, day + " " + start, day + " " + end, cap,
                    "yes" if reg else "no"])
    return buf.getvalue()


def generate():
    people = Generator().build()
    return {"delegates.csv": render_delegates(people), "sessions.csv": render_sessions()}


def check(files):
    """Sanity checks on the generated text (also run on the committed files with --check)."""
    sessions = list(csv.DictReader(io.StringIO(files["sessions.csv"])))
    delegates = list(csv.DictReader(io.StringIO(files["delegates.csv"])))
    refs = {s["external_ref"] for s in sessions}
    assert len(refs) == len(sessions) >= 12
    assert len(delegates) >= 320
    assert len({d["external_ref"] for d in delegates}) == len(delegates)
    assert len({d["email"] for d in delegates}) == len(delegates)
    codes = [d["ticket_code"] for d in delegates if d["ticket_code"]]
    assert len(set(codes)) == len(codes)
    assert all(len(c) == 32 and set(c) <= set(TICKET_ALPHABET) for c in codes)
    assert len({d["city"] for d in delegates}) >= 40
    for d in delegates:
        assert d["email"].isascii() and (d["email"].endswith(".example") or d["email"].split(
            "@")[1] in ("example.org", "example.com", "example.net")), d["email"]
        assert d["status"] in ("active", "cancelled")
        assert d["category"] in ("delegate", "speaker", "city_official",
                                 "community_representative", "press", "staff", "partner")
        for ref in filter(None, d["sessions"].split("|")):
            assert ref in refs, ref
    reg = {s["external_ref"]: 0 for s in sessions}
    for d in delegates:
        for ref in filter(None, d["sessions"].split("|")):
            reg[ref] += 1
    for s in sessions:
        cap = int(s["capacity"])
        assert cap == 0 or reg[s["external_ref"]] <= cap, s["external_ref"]
        if s["registration_required"] == "no":
            assert reg[s["external_ref"]] == 0
    return delegates, sessions


def main(argv):
    files = generate()
    check(files)
    if "--check" in argv:
        stale = [name for name, text in files.items()
                 if not (HERE / name).exists()
                 or (HERE / name).read_bytes() != text.encode("utf-8")]
        if stale:
            print("out of date: " + ", ".join(stale) + " (run generate.py)", file=sys.stderr)
            return 1
        print("demo data is current and consistent")
        return 0
    for name, text in files.items():
        (HERE / name).write_bytes(text.encode("utf-8"))
    delegates, sessions = check(files)
    print("wrote %d delegates from %d cities and %d sessions to %s" % (
        len(delegates), len({d["city"] for d in delegates}), len(sessions), HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

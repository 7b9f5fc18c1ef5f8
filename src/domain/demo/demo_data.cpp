#include "domain/demo/demo_data.h"

#include <array>
#include <string_view>

namespace pairwise::domain::demo {

namespace {

using namespace std::string_view_literals;

// Names common in each culture; first names mix genders.
constexpr std::array kAngloFirst = {
    "James"sv,  "Mary"sv,    "Robert"sv, "Patricia"sv, "John"sv,     "Jennifer"sv, "Michael"sv,
    "Linda"sv,  "David"sv,   "Emily"sv,  "William"sv,  "Barbara"sv,  "Richard"sv,  "Susan"sv,
    "Joseph"sv, "Jessica"sv, "Thomas"sv, "Sarah"sv,    "Charles"sv,  "Karen"sv,    "Daniel"sv,
    "Megan"sv,  "Matthew"sv, "Hannah"sv, "Oliver"sv,   "Amelia"sv,   "Liam"sv,     "Olivia"sv,
    "Noah"sv,   "Grace"sv,   "Ethan"sv,  "Chloe"sv,    "Benjamin"sv, "Abigail"sv,  "Samuel"sv};
constexpr std::array kAngloLast = {
    "Smith"sv,    "Johnson"sv,  "Williams"sv, "Brown"sv,  "Jones"sv,  "Miller"sv,   "Davis"sv,
    "Wilson"sv,   "Anderson"sv, "Taylor"sv,   "Thomas"sv, "Moore"sv,  "Martin"sv,   "Jackson"sv,
    "Thompson"sv, "White"sv,    "Harris"sv,   "Clark"sv,  "Lewis"sv,  "Robinson"sv, "Walker"sv,
    "Young"sv,    "Allen"sv,    "King"sv,     "Wright"sv, "Scott"sv,  "Green"sv,    "Baker"sv,
    "Adams"sv,    "Campbell"sv, "Mitchell"sv, "Carter"sv, "Turner"sv, "Parker"sv,   "Collins"sv};

constexpr std::array kIrishFirst = {"Aoife"sv,  "Siobhán"sv, "Niamh"sv,   "Ciarán"sv,  "Seán"sv,
                                    "Oisín"sv,  "Saoirse"sv, "Róisín"sv,  "Cian"sv,    "Eoin"sv,
                                    "Declan"sv, "Orla"sv,    "Fionn"sv,   "Clodagh"sv, "Darragh"sv,
                                    "Sinéad"sv, "Pádraig"sv, "Aisling"sv, "Colm"sv,    "Méabh"sv,
                                    "Conor"sv,  "Caoimhe"sv, "Ronan"sv,   "Éabha"sv};
constexpr std::array kIrishLast = {
    "Murphy"sv,  "Kelly"sv,    "O'Sullivan"sv, "Walsh"sv,     "O'Brien"sv,    "Byrne"sv,
    "Ryan"sv,    "O'Connor"sv, "O'Neill"sv,    "Doyle"sv,     "McCarthy"sv,   "Gallagher"sv,
    "Kennedy"sv, "Lynch"sv,    "Quinn"sv,      "Brennan"sv,   "Fitzgerald"sv, "Dunne"sv,
    "Nolan"sv,   "Keane"sv,    "Ó Briain"sv,   "Mac Giolla"sv};

constexpr std::array kHispanicFirst = {
    "Sofía"sv,    "Mateo"sv, "Valentina"sv, "Santiago"sv, "Camila"sv,   "Sebastián"sv, "Isabella"sv,
    "Diego"sv,    "Lucía"sv, "Alejandro"sv, "Martina"sv,  "Javier"sv,   "Daniela"sv,   "Carlos"sv,
    "María"sv,    "José"sv,  "Ana"sv,       "Luis"sv,     "Gabriela"sv, "Miguel"sv,    "Paula"sv,
    "Fernando"sv, "Elena"sv, "Pablo"sv,     "Carmen"sv,   "Jorge"sv,    "Ximena"sv,    "Andrés"sv};
constexpr std::array kHispanicLast = {
    "García"sv,  "Martínez"sv, "Rodríguez"sv, "López"sv,       "Hernández"sv, "González"sv,
    "Pérez"sv,   "Sánchez"sv,  "Ramírez"sv,   "Torres"sv,      "Flores"sv,    "Rivera"sv,
    "Gómez"sv,   "Díaz"sv,     "Cruz"sv,      "Morales"sv,     "Reyes"sv,     "Ortiz"sv,
    "Jiménez"sv, "Ruiz"sv,     "Vargas"sv,    "Castillo"sv,    "Romero"sv,    "Navarro"sv,
    "Mendoza"sv, "Núñez"sv,    "Ibáñez"sv,    "de la Fuente"sv};

constexpr std::array kBrazilianFirst = {
    "João"sv,    "Ana"sv,     "Pedro"sv,    "Beatriz"sv, "Lucas"sv,  "Mariana"sv,
    "Gabriel"sv, "Larissa"sv, "Rafael"sv,   "Juliana"sv, "Thiago"sv, "Fernanda"sv,
    "Gustavo"sv, "Camila"sv,  "Felipe"sv,   "Letícia"sv, "Bruno"sv,  "Carolina"sv,
    "Rodrigo"sv, "Aline"sv,   "Vinícius"sv, "Renata"sv,  "Caio"sv,   "Débora"sv};
constexpr std::array kBrazilianLast = {
    "Silva"sv,    "Santos"sv,  "Oliveira"sv,  "Souza"sv,    "Lima"sv,       "Pereira"sv,
    "Ferreira"sv, "Costa"sv,   "Rodrigues"sv, "Almeida"sv,  "Nascimento"sv, "Carvalho"sv,
    "Araújo"sv,   "Ribeiro"sv, "Barbosa"sv,   "Rocha"sv,    "Moreira"sv,    "Cardoso"sv,
    "Teixeira"sv, "Correia"sv, "Gonçalves"sv, "Magalhães"sv};

constexpr std::array kFrenchFirst = {
    "Camille"sv,  "Léa"sv,     "Manon"sv,  "Chloé"sv,   "Inès"sv,    "Louise"sv,    "Juliette"sv,
    "Hugo"sv,     "Louis"sv,   "Théo"sv,   "Arthur"sv,  "Jules"sv,   "Nathan"sv,    "Mathilde"sv,
    "Antoine"sv,  "Élodie"sv,  "Julien"sv, "Céline"sv,  "Nicolas"sv, "Sébastien"sv, "Amélie"sv,
    "Baptiste"sv, "Margaux"sv, "Gaëlle"sv, "François"sv};
constexpr std::array kFrenchLast = {
    "Bernard"sv,  "Dubois"sv,   "Robert"sv,  "Richard"sv,  "Petit"sv,  "Durand"sv,   "Leroy"sv,
    "Moreau"sv,   "Simon"sv,    "Laurent"sv, "Lefèvre"sv,  "Michel"sv, "Bertrand"sv, "Roux"sv,
    "Vincent"sv,  "Fournier"sv, "Morel"sv,   "Girard"sv,   "Bonnet"sv, "Dupont"sv,   "Lambert"sv,
    "Fontaine"sv, "Rousseau"sv, "Mercier"sv, "Chevalier"sv};

constexpr std::array kGermanFirst = {
    "Lukas"sv,    "Leon"sv,   "Finn"sv,    "Jonas"sv,   "Paul"sv,   "Felix"sv,     "Maximilian"sv,
    "Anna"sv,     "Lena"sv,   "Mia"sv,     "Emma"sv,    "Laura"sv,  "Katharina"sv, "Johanna"sv,
    "Sophie"sv,   "Tobias"sv, "Stefan"sv,  "Andreas"sv, "Sabine"sv, "Jürgen"sv,    "Ulrike"sv,
    "Matthias"sv, "Birgit"sv, "Florian"sv, "Jörg"sv};
constexpr std::array kGermanLast = {
    "Müller"sv, "Schmidt"sv,  "Schneider"sv, "Fischer"sv, "Weber"sv,   "Meyer"sv,      "Wagner"sv,
    "Becker"sv, "Schulz"sv,   "Hoffmann"sv,  "Schäfer"sv, "Koch"sv,    "Bauer"sv,      "Richter"sv,
    "Klein"sv,  "Wolf"sv,     "Schröder"sv,  "Neumann"sv, "Schwarz"sv, "Zimmermann"sv, "Braun"sv,
    "Krüger"sv, "Hartmann"sv, "Lange"sv,     "Weiß"sv,    "von Berg"sv};

constexpr std::array kPolishFirst = {
    "Jakub"sv,      "Kacper"sv,    "Szymon"sv,    "Mateusz"sv, "Piotr"sv,    "Krzysztof"sv,
    "Tomasz"sv,     "Paweł"sv,     "Michał"sv,    "Łukasz"sv,  "Anna"sv,     "Katarzyna"sv,
    "Małgorzata"sv, "Agnieszka"sv, "Magdalena"sv, "Joanna"sv,  "Zofia"sv,    "Maja"sv,
    "Aleksandra"sv, "Natalia"sv,   "Wojciech"sv,  "Marta"sv,   "Grzegorz"sv, "Dorota"sv};
constexpr std::array kPolishLast = {
    "Nowak"sv,       "Kowalski"sv,  "Wiśniewski"sv,  "Wójcik"sv,   "Kowalczyk"sv,  "Kamiński"sv,
    "Lewandowski"sv, "Zieliński"sv, "Szymański"sv,   "Woźniak"sv,  "Dąbrowski"sv,  "Kozłowski"sv,
    "Jankowski"sv,   "Mazur"sv,     "Kwiatkowski"sv, "Krawczyk"sv, "Piotrowski"sv, "Grabowski"sv,
    "Pawłowski"sv,   "Michalska"sv, "Nowicka"sv,     "Wróbel"sv};

constexpr std::array kIndianFirst = {
    "Aarav"sv,   "Vivaan"sv, "Aditya"sv, "Arjun"sv,  "Sai"sv,    "Rohan"sv,   "Ishaan"sv,
    "Krishna"sv, "Rahul"sv,  "Vikram"sv, "Ananya"sv, "Diya"sv,   "Priya"sv,   "Aditi"sv,
    "Kavya"sv,   "Isha"sv,   "Neha"sv,   "Pooja"sv,  "Shreya"sv, "Meera"sv,   "Lakshmi"sv,
    "Ravi"sv,    "Suresh"sv, "Deepa"sv,  "Nikhil"sv, "Anjali"sv, "Karthik"sv, "Swati"sv};
constexpr std::array kIndianLast = {
    "Sharma"sv,   "Verma"sv,      "Gupta"sv,  "Patel"sv,      "Reddy"sv,    "Iyer"sv,
    "Nair"sv,     "Rao"sv,        "Singh"sv,  "Kumar"sv,      "Das"sv,      "Mehta"sv,
    "Joshi"sv,    "Menon"sv,      "Pillai"sv, "Chatterjee"sv, "Banerjee"sv, "Mukherjee"sv,
    "Kapoor"sv,   "Malhotra"sv,   "Bhat"sv,   "Kulkarni"sv,   "Desai"sv,    "Shetty"sv,
    "Krishnan"sv, "Subramanian"sv};

constexpr std::array kChineseFirst = {"Wei"sv, "Jun"sv, "Li"sv,  "Ming"sv, "Hui"sv,  "Xin"sv,
                                      "Yan"sv, "Jie"sv, "Hao"sv, "Lei"sv,  "Mei"sv,  "Ling"sv,
                                      "Xiu"sv, "Yu"sv,  "Jia"sv, "Zhi"sv,  "Qing"sv, "Fang"sv,
                                      "Tao"sv, "Kai"sv, "Yi"sv,  "Shu"sv,  "Rui"sv,  "Xiaoming"sv};
constexpr std::array kChineseLast = {"Tan"sv,   "Lim"sv,  "Lee"sv,  "Ng"sv,    "Ong"sv, "Wong"sv,
                                     "Goh"sv,   "Chua"sv, "Chan"sv, "Koh"sv,   "Teo"sv, "Ang"sv,
                                     "Yeo"sv,   "Tay"sv,  "Ho"sv,   "Low"sv,   "Toh"sv, "Sim"sv,
                                     "Chong"sv, "Chia"sv, "Wang"sv, "Zhang"sv, "Liu"sv, "Chen"sv};

constexpr std::array kJapaneseFirst = {
    "Haruto"sv,  "Yuto"sv,  "Sota"sv,  "Yuki"sv,   "Hayato"sv, "Ren"sv,   "Kaito"sv, "Takumi"sv,
    "Hiroshi"sv, "Kenji"sv, "Akira"sv, "Daiki"sv,  "Yui"sv,    "Aoi"sv,   "Hina"sv,  "Sakura"sv,
    "Yuna"sv,    "Mio"sv,   "Rin"sv,   "Haruka"sv, "Emi"sv,    "Naoko"sv, "Keiko"sv, "Aiko"sv};
constexpr std::array kJapaneseLast = {
    "Sato"sv,     "Suzuki"sv,    "Takahashi"sv, "Tanaka"sv, "Watanabe"sv, "Ito"sv,
    "Yamamoto"sv, "Nakamura"sv,  "Kobayashi"sv, "Kato"sv,   "Yoshida"sv,  "Yamada"sv,
    "Sasaki"sv,   "Yamaguchi"sv, "Matsumoto"sv, "Inoue"sv,  "Kimura"sv,   "Hayashi"sv,
    "Shimizu"sv,  "Mori"sv,      "Saito"sv,     "Ikeda"sv};

constexpr std::array kEastAfricanFirst = {
    "Wanjiru"sv, "Achieng"sv, "Njeri"sv,  "Akinyi"sv,  "Wambui"sv, "Nyambura"sv,
    "Atieno"sv,  "Muthoni"sv, "Kamau"sv,  "Otieno"sv,  "Mwangi"sv, "Ochieng"sv,
    "Kiprop"sv,  "Kibet"sv,   "Omondi"sv, "Njoroge"sv, "Baraka"sv, "Amani"sv,
    "Imani"sv,   "Zawadi"sv,  "Juma"sv,   "Faraji"sv};
constexpr std::array kEastAfricanLast = {
    "Kamau"sv,    "Mwangi"sv, "Otieno"sv,  "Ochieng"sv, "Wanjiku"sv, "Kariuki"sv, "Njoroge"sv,
    "Kiptoo"sv,   "Chebet"sv, "Onyango"sv, "Mutua"sv,   "Kimani"sv,  "Wafula"sv,  "Odhiambo"sv,
    "Macharia"sv, "Korir"sv,  "Kiprono"sv, "Owino"sv,   "Nyaga"sv,   "Mbugua"sv};

constexpr std::array kArabicFirst = {"Omar"sv,   "Ahmed"sv,  "Youssef"sv, "Karim"sv,  "Layla"sv,
                                     "Fatima"sv, "Amira"sv,  "Nour"sv,    "Hassan"sv, "Rania"sv,
                                     "Samir"sv,  "Yasmin"sv, "Tariq"sv,   "Leila"sv,  "Khalid"sv,
                                     "Salma"sv,  "Ali"sv,    "Mariam"sv,  "Zaid"sv,   "Hana"sv};
constexpr std::array kArabicLast = {
    "Haddad"sv, "Khalil"sv,  "Mansour"sv, "Nasser"sv, "Saleh"sv,   "Farouk"sv,  "Aziz"sv,
    "Rahman"sv, "Hamdan"sv,  "Karam"sv,   "Said"sv,   "Darwish"sv, "Issa"sv,    "Qureshi"sv,
    "Bakr"sv,   "Sabbagh"sv, "Najjar"sv,  "Khoury"sv, "El-Amin"sv, "Al-Sayed"sv};

constexpr std::array<CultureData, 12> kCultures = {{
    {"anglo", "en", kAngloFirst, kAngloLast},
    {"irish", "en", kIrishFirst, kIrishLast},
    {"hispanic", "es", kHispanicFirst, kHispanicLast},
    {"brazilian", "pt", kBrazilianFirst, kBrazilianLast},
    {"french", "fr", kFrenchFirst, kFrenchLast},
    {"german", "de", kGermanFirst, kGermanLast},
    {"polish", "pl", kPolishFirst, kPolishLast},
    {"indian", "hi", kIndianFirst, kIndianLast},
    {"chinese", "zh", kChineseFirst, kChineseLast},
    {"japanese", "ja", kJapaneseFirst, kJapaneseLast},
    {"east_african", "sw", kEastAfricanFirst, kEastAfricanLast},
    {"arabic", "ar", kArabicFirst, kArabicLast},
}};

enum CultureIndex {
  kAnglo,
  kIrish,
  kHispanic,
  kBrazilian,
  kFrench,
  kGerman,
  kPolish,
  kIndian,
  kChinese,
  kJapanese,
  kEastAfrican,
  kArabic
};

constexpr std::array<SiteData, 17> kSites = {{
    {"NYC", "New York", "US", "America/New_York", "en", kAnglo, 550, 16},
    {"SFO", "San Francisco", "US", "America/Los_Angeles", "en", kAnglo, 500, 10},
    {"CHI", "Chicago", "US", "America/Chicago", "en", kAnglo, 600, 5},
    {"TOR", "Toronto", "CA", "America/Toronto", "en", kAnglo, 450, 5},
    {"MEX", "Mexico City", "MX", "America/Mexico_City", "es", kHispanic, 850, 4},
    {"SAO", "São Paulo", "BR", "America/Sao_Paulo", "pt", kBrazilian, 850, 4},
    {"LON", "London", "GB", "Europe/London", "en", kAnglo, 550, 11},
    {"DUB", "Dublin", "IE", "Europe/Dublin", "en", kIrish, 650, 5},
    {"PAR", "Paris", "FR", "Europe/Paris", "fr", kFrench, 750, 5},
    {"BER", "Berlin", "DE", "Europe/Berlin", "de", kGerman, 700, 6},
    {"MAD", "Madrid", "ES", "Europe/Madrid", "es", kHispanic, 800, 3},
    {"WAW", "Warsaw", "PL", "Europe/Warsaw", "pl", kPolish, 850, 5},
    {"BLR", "Bengaluru", "IN", "Asia/Kolkata", "hi", kIndian, 950, 9},
    {"SIN", "Singapore", "SG", "Asia/Singapore", "en", kChinese, 600, 4},
    {"TYO", "Tokyo", "JP", "Asia/Tokyo", "ja", kJapanese, 900, 4},
    {"SYD", "Sydney", "AU", "Australia/Sydney", "en", kAnglo, 600, 3},
    {"NBO", "Nairobi", "KE", "Africa/Nairobi", "sw", kEastAfrican, 900, 2},
}};

constexpr std::array<DivisionData, 7> kDivisions = {{
    {"Executive", "Chief Executive Officer"},
    {"Engineering", "Chief Technology Officer"},
    {"Product & Design", "Chief Product Officer"},
    {"Sales & Marketing", "Chief Revenue Officer"},
    {"Customer", "Chief Customer Officer"},
    {"Finance & Operations", "Chief Financial Officer"},
    {"People", "Chief People Officer"},
}};

constexpr std::array<DepartmentData, 42> kDepartments = {{
    {"EXEC", "Executive Office", 0, 0, "Executive Assistant", "Chief of Staff", false},
    {"ENG-PLAT", "Platform Engineering", 1, 16, "Software Engineer", "Engineering Manager", true},
    {"ENG-INFRA", "Infrastructure", 1, 8, "Infrastructure Engineer", "Engineering Manager", true},
    {"ENG-SRE", "Site Reliability", 1, 6, "Site Reliability Engineer", "Engineering Manager", true},
    {"ENG-MOB", "Mobile Engineering", 1, 8, "Mobile Engineer", "Engineering Manager", true},
    {"ENG-WEB", "Web Engineering", 1, 10, "Frontend Engineer", "Engineering Manager", true},
    {"ENG-DATA", "Data Engineering", 1, 8, "Data Engineer", "Engineering Manager", true},
    {"ENG-ML", "Machine Learning", 1, 6, "Machine Learning Engineer", "Engineering Manager", true},
    {"ENG-SEC", "Security Engineering", 1, 4, "Security Engineer", "Security Manager", true},
    {"ENG-QA", "Quality Engineering", 1, 6, "Quality Engineer", "Quality Engineering Manager",
     true},
    {"ENG-DX", "Developer Experience", 1, 4, "Software Engineer", "Engineering Manager", true},
    {"PRD-PM", "Product Management", 2, 8, "Product Manager", "Group Product Manager", false},
    {"PRD-DES", "Product Design", 2, 6, "Product Designer", "Design Manager", false},
    {"PRD-RES", "User Research", 2, 2, "User Researcher", "Research Manager", false},
    {"PRD-DOC", "Technical Writing", 2, 2, "Technical Writer", "Documentation Manager", false},
    {"PRD-ANL", "Product Analytics", 2, 4, "Data Analyst", "Analytics Manager", true},
    {"SAL-ENT", "Enterprise Sales", 3, 14, "Account Executive", "Sales Manager", false},
    {"SAL-MM", "Mid-Market Sales", 3, 12, "Account Executive", "Sales Manager", false},
    {"SAL-OPS", "Sales Operations", 3, 4, "Sales Operations Analyst", "Sales Operations Manager",
     false},
    {"SAL-SE", "Solutions Engineering", 3, 6, "Solutions Engineer", "Solutions Engineering Manager",
     true},
    {"SAL-PAR", "Partnerships", 3, 2, "Partnerships Specialist", "Partnerships Manager", false},
    {"MKT-BRD", "Brand Marketing", 3, 4, "Marketing Specialist", "Marketing Manager", false},
    {"MKT-PRD", "Product Marketing", 3, 4, "Product Marketing Specialist",
     "Product Marketing Manager", false},
    {"MKT-GRO", "Growth Marketing", 3, 4, "Growth Marketer", "Growth Marketing Manager", false},
    {"CUS-CS", "Customer Success", 4, 12, "Customer Success Manager", "Customer Success Lead",
     false},
    {"CUS-SUP", "Customer Support", 4, 14, "Support Specialist", "Support Manager", false},
    {"CUS-PS", "Professional Services", 4, 6, "Implementation Consultant", "Services Manager",
     false},
    {"CUS-TRN", "Training & Enablement", 4, 2, "Enablement Specialist", "Enablement Manager",
     false},
    {"FIN-FPA", "Financial Planning", 5, 4, "Financial Analyst", "Finance Manager", false},
    {"FIN-ACC", "Accounting", 5, 4, "Accountant", "Accounting Manager", false},
    {"FIN-PRO", "Procurement", 5, 2, "Procurement Specialist", "Procurement Manager", false},
    {"OPS-LEG", "Legal", 5, 2, "Legal Counsel", "Legal Operations Manager", false},
    {"OPS-CMP", "Compliance", 5, 2, "Compliance Analyst", "Compliance Manager", false},
    {"OPS-FAC", "Workplace & Facilities", 5, 2, "Workplace Coordinator", "Workplace Manager",
     false},
    {"OPS-IT", "IT", 5, 4, "IT Support Engineer", "IT Manager", true},
    {"OPS-AUD", "Internal Audit", 5, 1, "Internal Auditor", "Audit Manager", false},
    {"PPL-TA", "Talent Acquisition", 6, 5, "Recruiter", "Recruiting Manager", false},
    {"PPL-HRBP", "People Partners", 6, 2, "People Partner", "People Partner Manager", false},
    {"PPL-LD", "Learning & Development", 6, 2, "Learning Specialist", "Learning Manager", false},
    {"PPL-REW", "Total Rewards", 6, 1, "Compensation Analyst", "Total Rewards Manager", false},
    {"PPL-DEI", "Inclusion & Belonging", 6, 1, "Inclusion Program Specialist", "Inclusion Manager",
     false},
    {"PPL-OPS", "People Operations", 6, 2, "People Operations Specialist",
     "People Operations Manager", false},
}};

constexpr std::array kProgrammingLanguages = {
    "C++"sv,         "C"sv,       "C#"sv,     "Go"sv,  "Rust"sv,       "Java"sv,       "Kotlin"sv,
    "Scala"sv,       "Python"sv,  "Ruby"sv,   "PHP"sv, "JavaScript"sv, "TypeScript"sv, "Swift"sv,
    "Objective-C"sv, "Haskell"sv, "Elixir"sv, "SQL"sv, "R"sv,          "Bash"sv};
constexpr std::array kSoftwareEngineering = {"System Design"sv,
                                             "Code Review"sv,
                                             "Refactoring"sv,
                                             "Test-Driven Development"sv,
                                             "Unit Testing"sv,
                                             "Debugging"sv,
                                             "Performance Optimization"sv,
                                             "Concurrency"sv,
                                             "API Design"sv,
                                             "Distributed Systems"sv,
                                             "Microservices"sv,
                                             "Domain-Driven Design"sv,
                                             "Design Patterns"sv,
                                             "Version Control"sv,
                                             "Continuous Integration"sv,
                                             "Technical Debt Management"sv,
                                             "Software Architecture"sv,
                                             "Object-Oriented Design"sv,
                                             "Functional Programming"sv,
                                             "Accessibility Engineering"sv};
constexpr std::array kCloud = {"Kubernetes"sv,
                               "Docker"sv,
                               "Terraform"sv,
                               "AWS"sv,
                               "Google Cloud"sv,
                               "Azure"sv,
                               "Linux Administration"sv,
                               "Networking"sv,
                               "Observability"sv,
                               "Incident Response"sv,
                               "Capacity Planning"sv,
                               "Service Mesh"sv,
                               "Load Balancing"sv,
                               "Infrastructure as Code"sv,
                               "Helm"sv,
                               "Ansible"sv,
                               "CI/CD Pipelines"sv,
                               "Site Reliability Engineering"sv,
                               "Cloud Cost Optimization"sv,
                               "Disaster Recovery"sv};
constexpr std::array kData = {"Data Modeling"sv,
                              "Data Warehousing"sv,
                              "ETL Pipelines"sv,
                              "Apache Spark"sv,
                              "Apache Kafka"sv,
                              "Apache Airflow"sv,
                              "dbt"sv,
                              "PostgreSQL"sv,
                              "Query Optimization"sv,
                              "Data Visualization"sv,
                              "Tableau"sv,
                              "Looker"sv,
                              "Statistics"sv,
                              "A/B Testing"sv,
                              "Experiment Design"sv,
                              "Data Governance"sv,
                              "Data Quality"sv,
                              "Stream Processing"sv,
                              "Business Intelligence"sv,
                              "Spreadsheet Modeling"sv};
constexpr std::array kMachineLearning = {"Machine Learning"sv,
                                         "Deep Learning"sv,
                                         "Natural Language Processing"sv,
                                         "Computer Vision"sv,
                                         "Recommender Systems"sv,
                                         "Feature Engineering"sv,
                                         "Model Evaluation"sv,
                                         "MLOps"sv,
                                         "PyTorch"sv,
                                         "TensorFlow"sv,
                                         "scikit-learn"sv,
                                         "Large Language Models"sv,
                                         "Prompt Engineering"sv,
                                         "Reinforcement Learning"sv,
                                         "Time Series Forecasting"sv,
                                         "Anomaly Detection"sv,
                                         "Responsible AI"sv,
                                         "Data Labeling"sv,
                                         "Model Deployment"sv,
                                         "Information Retrieval"sv};
constexpr std::array kSecurity = {"Application Security"sv,
                                  "Threat Modeling"sv,
                                  "Penetration Testing"sv,
                                  "Cryptography"sv,
                                  "Identity & Access Management"sv,
                                  "Network Security"sv,
                                  "Security Operations"sv,
                                  "Vulnerability Management"sv,
                                  "Secure Code Review"sv,
                                  "Cloud Security"sv,
                                  "Digital Forensics"sv,
                                  "Zero Trust Architecture"sv,
                                  "OAuth & OpenID Connect"sv,
                                  "Secrets Management"sv,
                                  "Security Awareness"sv,
                                  "Security Risk Assessment"sv,
                                  "Privacy Engineering"sv,
                                  "Malware Analysis"sv,
                                  "SOC 2 Controls"sv,
                                  "Security Architecture"sv};
constexpr std::array kProduct = {"Product Strategy"sv,
                                 "Roadmapping"sv,
                                 "Prioritization"sv,
                                 "User Stories"sv,
                                 "Product Discovery"sv,
                                 "Market Research"sv,
                                 "Competitive Analysis"sv,
                                 "Pricing Strategy"sv,
                                 "Go-to-Market Planning"sv,
                                 "Product Analytics"sv,
                                 "OKRs"sv,
                                 "Stakeholder Management"sv,
                                 "Requirements Writing"sv,
                                 "Product Launches"sv,
                                 "Customer Interviews"sv,
                                 "Jobs to Be Done"sv,
                                 "Product-Led Growth"sv,
                                 "Platform Product Management"sv,
                                 "Backlog Management"sv,
                                 "Product Operations"sv};
constexpr std::array kDesign = {"User Experience Design"sv,
                                "Interaction Design"sv,
                                "Visual Design"sv,
                                "Prototyping"sv,
                                "Figma"sv,
                                "Design Systems"sv,
                                "Usability Testing"sv,
                                "User Research"sv,
                                "Information Architecture"sv,
                                "Service Design"sv,
                                "Accessibility Design"sv,
                                "Motion Design"sv,
                                "Content Design"sv,
                                "UX Writing"sv,
                                "Journey Mapping"sv,
                                "Survey Design"sv,
                                "Qualitative Research"sv,
                                "Quantitative Research"sv,
                                "Design Critique"sv,
                                "Illustration"sv};
constexpr std::array kSales = {
    "Prospecting"sv,        "Discovery Calls"sv,     "Solution Selling"sv,   "Sales Negotiation"sv,
    "Account Planning"sv,   "Pipeline Management"sv, "Sales Forecasting"sv,  "Enterprise Selling"sv,
    "Objection Handling"sv, "Sales Presentations"sv, "CRM Management"sv,     "Salesforce"sv,
    "Territory Planning"sv, "Channel Sales"sv,       "Partner Management"sv, "Deal Desk"sv,
    "Proposal Writing"sv,   "Value Selling"sv,       "Expansion Selling"sv,  "Sales Coaching"sv};
constexpr std::array kMarketing = {"Brand Strategy"sv,
                                   "Content Marketing"sv,
                                   "SEO"sv,
                                   "Paid Search"sv,
                                   "Email Marketing"sv,
                                   "Marketing Automation"sv,
                                   "Social Media Marketing"sv,
                                   "Event Marketing"sv,
                                   "Product Marketing"sv,
                                   "Positioning & Messaging"sv,
                                   "Demand Generation"sv,
                                   "Marketing Analytics"sv,
                                   "Copywriting"sv,
                                   "Public Relations"sv,
                                   "Community Building"sv,
                                   "Customer Marketing"sv,
                                   "Campaign Management"sv,
                                   "Market Segmentation"sv,
                                   "Lifecycle Marketing"sv,
                                   "Video Production"sv};
constexpr std::array kCustomer = {"Customer Onboarding"sv,      "Account Management"sv,
                                  "Customer Advocacy"sv,        "Churn Reduction"sv,
                                  "Technical Support"sv,        "Troubleshooting"sv,
                                  "Knowledge Base Writing"sv,   "Escalation Management"sv,
                                  "Customer Health Scoring"sv,  "Zendesk"sv,
                                  "Service Level Management"sv, "Implementation Management"sv,
                                  "Solution Consulting"sv,      "Customer Training"sv,
                                  "Voice of the Customer"sv,    "Business Reviews"sv,
                                  "Support Operations"sv,       "De-escalation"sv,
                                  "Customer Journey Design"sv,  "Renewal Management"sv};
constexpr std::array kFinance = {"Financial Planning & Analysis"sv,
                                 "Budgeting"sv,
                                 "Financial Forecasting"sv,
                                 "Financial Modeling"sv,
                                 "Revenue Recognition"sv,
                                 "Accounts Payable"sv,
                                 "Accounts Receivable"sv,
                                 "General Ledger"sv,
                                 "Month-End Close"sv,
                                 "Tax Compliance"sv,
                                 "Treasury"sv,
                                 "Cost Accounting"sv,
                                 "Audit Preparation"sv,
                                 "Financial Reporting"sv,
                                 "IFRS"sv,
                                 "US GAAP"sv,
                                 "Procurement"sv,
                                 "Vendor Management"sv,
                                 "Expense Management"sv,
                                 "Unit Economics"sv};
constexpr std::array kLegal = {"Contract Drafting"sv,       "Commercial Contracts"sv,
                               "Employment Law"sv,          "Intellectual Property"sv,
                               "Data Protection"sv,         "Regulatory Compliance"sv,
                               "Corporate Governance"sv,    "Enterprise Risk Management"sv,
                               "Policy Writing"sv,          "Export Controls"sv,
                               "Anti-Bribery Compliance"sv, "Software Licensing"sv,
                               "Litigation Management"sv,   "Privacy Impact Assessment"sv,
                               "Internal Controls"sv,       "Ethics & Integrity"sv,
                               "Third-Party Risk"sv,        "Business Continuity"sv,
                               "Records Management"sv,      "ISO 27001"sv};
constexpr std::array kPeople = {"Recruiting"sv,
                                "Interviewing"sv,
                                "Sourcing"sv,
                                "Employer Branding"sv,
                                "Onboarding Programs"sv,
                                "Performance Management"sv,
                                "Compensation Design"sv,
                                "Benefits Administration"sv,
                                "Employee Relations"sv,
                                "Workforce Planning"sv,
                                "Learning Design"sv,
                                "Coaching"sv,
                                "Mentoring"sv,
                                "Diversity & Inclusion"sv,
                                "People Analytics"sv,
                                "Organizational Design"sv,
                                "Change Management"sv,
                                "Employee Engagement"sv,
                                "Succession Planning"sv,
                                "HR Information Systems"sv};
constexpr std::array kLeadership = {"People Management"sv,
                                    "Team Building"sv,
                                    "Delegation"sv,
                                    "Giving Feedback"sv,
                                    "Strategic Thinking"sv,
                                    "Decision Making"sv,
                                    "Cross-Functional Leadership"sv,
                                    "Executive Communication"sv,
                                    "Conflict Resolution"sv,
                                    "Influencing Without Authority"sv,
                                    "Vision Setting"sv,
                                    "Budget Ownership"sv,
                                    "Managing Managers"sv,
                                    "Remote Team Leadership"sv,
                                    "Career Development"sv,
                                    "Operational Excellence"sv,
                                    "Crisis Leadership"sv,
                                    "Culture Building"sv,
                                    "Talent Development"sv,
                                    "Hiring"sv};
constexpr std::array kCommunication = {"Public Speaking"sv,
                                       "Technical Writing"sv,
                                       "Presentation Skills"sv,
                                       "Facilitation"sv,
                                       "Active Listening"sv,
                                       "Storytelling"sv,
                                       "Negotiation"sv,
                                       "Cross-Cultural Communication"sv,
                                       "Meeting Management"sv,
                                       "Written Communication"sv,
                                       "Documentation"sv,
                                       "Workshop Design"sv,
                                       "Stakeholder Communication"sv,
                                       "Professional Networking"sv,
                                       "Time Management"sv,
                                       "Emotional Intelligence"sv,
                                       "Asynchronous Communication"sv,
                                       "Teaching"sv};
constexpr std::array kProjects = {"Project Planning"sv,
                                  "Agile Methods"sv,
                                  "Scrum"sv,
                                  "Kanban"sv,
                                  "Program Management"sv,
                                  "Risk Tracking"sv,
                                  "Dependency Management"sv,
                                  "Release Management"sv,
                                  "Resource Planning"sv,
                                  "Process Improvement"sv,
                                  "Lean"sv,
                                  "Six Sigma"sv,
                                  "Portfolio Management"sv,
                                  "Estimation"sv,
                                  "Retrospectives"sv,
                                  "Status Reporting"sv};

constexpr std::array<SkillFamilyData, 17> kSkillFamilies = {{
    {"Programming Languages", kProgrammingLanguages},
    {"Software Engineering", kSoftwareEngineering},
    {"Cloud & Infrastructure", kCloud},
    {"Data & Analytics", kData},
    {"Machine Learning & AI", kMachineLearning},
    {"Security", kSecurity},
    {"Product Management", kProduct},
    {"Design & Research", kDesign},
    {"Sales", kSales},
    {"Marketing", kMarketing},
    {"Customer Success & Support", kCustomer},
    {"Finance & Accounting", kFinance},
    {"Legal, Risk & Compliance", kLegal},
    {"People & HR", kPeople},
    {"Leadership & Management", kLeadership},
    {"Communication", kCommunication},
    {"Project & Program Management", kProjects},
}};

constexpr std::array kRemoteTimeZones = {
    "America/Denver"sv,   "America/Phoenix"sv,  "America/Halifax"sv, "Europe/Lisbon"sv,
    "Europe/Amsterdam"sv, "Europe/Stockholm"sv, "Asia/Dubai"sv,      "Pacific/Auckland"sv};

constexpr std::array kExtraLanguages = {"es"sv, "fr"sv, "de"sv, "it"sv, "pt"sv, "zh"sv,
                                        "ja"sv, "ar"sv, "ru"sv, "nl"sv, "ko"sv, "hi"sv};

}  // namespace

std::span<const CultureData> Cultures() { return kCultures; }
std::span<const SiteData> Sites() { return kSites; }
std::span<const DivisionData> Divisions() { return kDivisions; }
std::span<const DepartmentData> Departments() { return kDepartments; }
std::span<const SkillFamilyData> SkillFamilies() { return kSkillFamilies; }
std::span<const std::string_view> RemoteTimeZones() { return kRemoteTimeZones; }
std::span<const std::string_view> ExtraLanguages() { return kExtraLanguages; }

}  // namespace pairwise::domain::demo

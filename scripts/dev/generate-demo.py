#!/usr/bin/env python3
"""Regenerates the demo organisation (Sources/Catalog/Demo/organisation): Northwind Outfitters, an
online outdoor-gear shop. Deterministic; run it after changing this script and commit the output."""
import json
import os
import random
import shutil

ROOT = os.path.join(os.path.dirname(__file__), "../../Sources/Catalog/Demo/organisation")
random.seed(2026)

TEAMS = {  # team: (area, title, description, well documented?)
    "team-storefront": ("area-commerce", "Storefront", "The shop customers see, from product pages to the basket", False),
    "team-checkout": ("area-commerce", "Checkout", "Basket, checkout and order confirmation", False),
    "team-payments": ("area-commerce", "Payments", "Taking money safely, refunds and fraud checks", True),
    "team-search": ("area-data", "Search", "Product search and recommendations", True),
    "team-data": ("area-data", "Data", "The warehouse, analytics pipelines and dashboards", False),
    "team-platform": ("area-platform", "Developer Platform", "The paved road: CI, clusters and Foyer itself", True),
    "team-security": ("area-platform", "Security", "Identity, secrets and security reviews", True),
    "team-sre": ("area-platform", "Site Reliability", "On-call, incident response and observability", True),
    "team-design": ("product", "Design", "Design system and user research", False),
}
AREAS = {"area-commerce": "Commerce engineering", "area-data": "Data engineering", "area-platform": "Platform engineering"}
FIRST = ["Ada", "Bruno", "Chen", "Dana", "Emil", "Farah", "Gus", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nina",
         "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tara", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zoe"]
LAST = ["Lindqvist", "Costa", "Wei", "Okafor", "Novak", "Haddad", "Meyer", "Sato", "Petrov", "Rossi", "Mensah", "Fischer",
        "Garcia", "Kowalski", "Nasser", "Iyer", "Byrne", "Silva", "Virtanen", "Osei", "Rao", "Horvat", "Zhang", "Lopez", "Demir", "Martin"]
DOMAINS = {"commerce": ("Commerce", "Everything between a customer's first visit and a delivered parcel", "area-commerce"),
           "data": ("Data", "Analytics, search and the data that feeds them", "area-data"),
           "developer-experience": ("Developer experience", "Tools and platforms engineers build on", "team-platform"),
           "trust": ("Trust", "Identity, security and reliability", "area-platform")}
SYSTEMS = {  # system: (domain, owner, title, description)
    "storefront": ("commerce", "team-storefront", "Storefront", "The web shop and its backends"),
    "checkout": ("commerce", "team-checkout", "Checkout", "Baskets, checkout and orders"),
    "payments": ("commerce", "team-payments", "Payments", "Card payments, refunds and fraud screening"),
    "search": ("data", "team-search", "Search", "Product search and recommendations"),
    "analytics": ("data", "team-data", "Analytics", "The warehouse and the pipelines that fill it"),
    "developer-platform": ("developer-experience", "team-platform", "Developer platform", "CI, clusters, the portal itself"),
    "identity": ("trust", "team-security", "Identity", "Sign-in, accounts and permissions"),
    "observability": ("trust", "team-sre", "Observability", "Metrics, logs, traces and alerting"),
}
COMPONENT_WORDS = {
    "storefront": ["web-shop", "product-pages", "image-resizer", "reviews-service", "wishlist", "content-service", "mobile-app", "store-locator", "gift-cards"],
    "checkout": ["basket-service", "checkout-web", "order-service", "promotions", "delivery-slots", "tax-calculator", "invoice-generator"],
    "payments": ["payments-gateway", "fraud-screening", "refunds-worker", "payouts", "card-vault", "ledger", "chargebacks"],
    "search": ["search-indexer", "search-api-service", "recommendations", "query-suggest", "ranking-model", "synonyms-editor", "search-web"],
    "analytics": ["event-collector", "warehouse-loader", "dashboards", "experiment-service", "data-quality-checks", "reporting-jobs", "clickstream-processor", "demand-forecasting"],
    "developer-platform": ["foyer", "build-runners", "deploy-service", "service-templates", "artifact-cache", "preview-environments", "cli-tools", "ci-pipelines"],
    "identity": ["auth-service", "account-service", "permissions", "secrets-broker", "sso-bridge", "audit-trail", "session-store-proxy"],
    "observability": ["metrics-gateway", "log-shipper", "alert-router", "status-page", "tracing-collector", "incident-bot", "slo-reporter"],
}
LANGUAGES = ["java", "kotlin", "go", "python", "typescript", "rust", "swift"]


def write(path, docs):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write("\n---\n".join(d.strip() + "\n" for d in docs))


def groups():
    docs = ["""apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: northwind
  title: Northwind Outfitters
  description: The whole company
spec:
  type: organization
  profile:
    displayName: Northwind Outfitters
    email: hello@northwind.example
  children: [engineering, product]""",
            """apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: engineering
  title: Engineering
spec:
  type: department
  parent: northwind
  children: [area-commerce, area-data, area-platform]""",
            """apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: product
  title: Product
spec:
  type: department
  parent: northwind
  children: [team-design]"""]
    for area, title in AREAS.items():
        children = ", ".join(t for t, v in TEAMS.items() if v[0] == area)
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: {area}
  title: {title}
spec:
  type: area
  parent: engineering
  children: [{children}]""")
    for team, (parent, title, description, _) in TEAMS.items():
        short = team.removeprefix("team-")
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: {team}
  title: {title}
  description: {json.dumps(description)}
  links:
    - url: https://chat.northwind.example/channels/{short}
      title: "#{short}"
spec:
  type: team
  parent: {parent}
  profile:
    displayName: {title} team
    email: {short}@northwind.example
  children: []""")
    write("org/groups.yaml", docs)


def users():
    docs, names = [], set()
    teams = list(TEAMS)
    for i in range(60):
        while True:
            first, last = random.choice(FIRST), random.choice(LAST)
            name = f"{first}.{last}".lower()
            if name not in names:
                names.add(name)
                break
        team = teams[i % len(teams)]
        role = "New hire" if i >= 52 else random.choice(["Engineer", "Senior engineer", "Staff engineer", "Engineering manager"])
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: {name}
  description: {role}, {TEAMS[team][1]}
spec:
  profile:
    displayName: {first} {last}
    email: {name}@northwind.example
  memberOf: [{team}]""")
    write("org/users.yaml", docs)


def systems():
    docs = []
    for name, (title, description, owner) in DOMAINS.items():
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: {name}
  title: {title}
  description: {description}
spec:
  owner: {owner}""")
    for name, (domain, owner, title, description) in SYSTEMS.items():
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: {name}
  title: {title}
  description: {description}
spec:
  owner: {owner}
  domain: {domain}""")
    write("systems/domains-and-systems.yaml", docs)


OPENAPI = """openapi: 3.0.3
info:
  title: {title}
  version: 1.{minor}.0
paths:
  /{path}:
    get:
      summary: List {path}
      parameters:
        - name: limit
          in: query
          schema: {{type: integer, maximum: 100}}
      responses:
        "200":
          description: A page of {path}
          content:
            application/json:
              schema:
                type: array
                items: {{$ref: "#/components/schemas/{model}"}}
  /{path}/{{id}}:
    get:
      summary: Get one of {path}
      parameters:
        - name: id
          in: path
          required: true
          schema: {{type: string}}
      responses:
        "200":
          description: The {model}
          content:
            application/json:
              schema: {{$ref: "#/components/schemas/{model}"}}
        "404":
          description: Not found
components:
  schemas:
    {model}:
      type: object
      required: [id]
      properties:
        id: {{type: string}}
        createdAt: {{type: string, format: date-time}}
"""
ASYNCAPI = """asyncapi: 2.6.0
info:
  title: {title}
  version: 1.{minor}.0
channels:
  {path}:
    subscribe:
      message:
        name: {model}
        payload:
          type: object
          properties:
            id: {{type: string}}
            occurredAt: {{type: string, format: date-time}}
"""
GRAPHQL = """type Query {{
  {path}(first: Int = 20, after: String): {model}Connection!
}}

type {model} {{
  id: ID!
  name: String!
}}

type {model}Connection {{
  nodes: [{model}!]!
  endCursor: String
}}
"""
APIS = [  # name, system, type, path, model
    ("products-api", "storefront", "openapi", "products", "Product"), ("reviews-api", "storefront", "openapi", "reviews", "Review"),
    ("content-api", "storefront", "graphql", "pages", "Page"), ("basket-api", "checkout", "openapi", "baskets", "Basket"),
    ("orders-api", "checkout", "openapi", "orders", "Order"), ("order-events", "checkout", "asyncapi", "orders.placed", "OrderPlaced"),
    ("promotions-api", "checkout", "openapi", "promotions", "Promotion"), ("payments-api", "payments", "openapi", "payments", "Payment"),
    ("refunds-api", "payments", "openapi", "refunds", "Refund"), ("payment-events", "payments", "asyncapi", "payments.captured", "PaymentCaptured"),
    ("search-api", "search", "openapi", "search", "SearchHit"), ("recommendations-api", "search", "graphql", "recommendations", "Recommendation"),
    ("clickstream-events", "analytics", "asyncapi", "clickstream.events", "ClickEvent"), ("metrics-api", "analytics", "graphql", "metrics", "Metric"),
    ("deploy-api", "developer-platform", "openapi", "deployments", "Deployment"), ("templates-api", "developer-platform", "openapi", "templates", "Template"),
    ("accounts-api", "identity", "openapi", "accounts", "Account"), ("permissions-api", "identity", "graphql", "permissions", "Permission"),
    ("alerts-events", "observability", "asyncapi", "alerts.fired", "AlertFired"), ("status-api", "observability", "openapi", "incidents", "Incident"),
]


def apis():
    docs = []
    for index, (name, system, kind, path, model) in enumerate(APIS):
        owner = SYSTEMS[system][1]
        title = name.replace("-", " ").title().replace("Api", "API")
        template = {"openapi": OPENAPI, "asyncapi": ASYNCAPI, "graphql": GRAPHQL}[kind]
        definition = template.format(title=title, minor=index % 5, path=path, model=model)
        body = "\n".join("    " + line if line else "" for line in definition.splitlines())
        docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: {name}
  title: {title}
  description: {kind.title() if kind != "openapi" else "REST"} interface of {SYSTEMS[system][2].lower()}
  tags: [{kind}]
spec:
  type: {kind}
  lifecycle: {"production" if index % 7 else "experimental"}
  owner: {owner}
  system: {system}
  definition: |
{body}""")
    write("apis/apis.yaml", docs)


def components_and_resources():
    api_by_system = {}
    for name, system, *_ in APIS:
        api_by_system.setdefault(system, []).append(name)
    all_apis = [a[0] for a in APIS]
    resources = [("orders-db", "checkout", "database"), ("payments-db", "payments", "database"), ("products-db", "storefront", "database"),
                 ("search-cluster", "search", "search-cluster"), ("warehouse", "analytics", "data-warehouse"),
                 ("events-queue", "analytics", "message-queue"), ("media-bucket", "storefront", "storage-bucket"),
                 ("production-cluster", "developer-platform", "kubernetes-cluster"), ("secrets-store", "identity", "secret-store"),
                 ("metrics-store", "observability", "database")]
    res_by_system = {}
    for name, system, kind in resources:
        res_by_system.setdefault(system, []).append(name)
    count = 0
    for system, words in COMPONENT_WORDS.items():
        owner = SYSTEMS[system][1]
        documented = TEAMS[owner][3]
        docs = []
        for i, word in enumerate(words):
            if count >= 60:
                break
            count += 1
            kind = "website" if word.endswith("-web") or word in ("web-shop", "dashboards", "status-page", "foyer", "mobile-app") else \
                   "library" if word in ("cli-tools", "tax-calculator", "ranking-model") else "service"
            lifecycle = "experimental" if i == len(words) - 1 else ("deprecated" if i == 4 and not documented else "production")
            annotations = [f"github.com/project-slug: northwind/{word}"] if documented or i % 2 == 0 else []
            if documented:
                annotations.append("backstage.io/techdocs-ref: dir:.")
                if i % 3 != 2:
                    annotations.append(f"pagerduty.com/service-id: P{word[:4].upper()}{i}")
                if i % 2 == 0:
                    annotations.append(f"backstage.io/kubernetes-id: {word}")
                if i % 4 == 0:
                    annotations.append(f"sonarqube.org/project-key: northwind_{word}")
            elif i == 0:
                annotations.append("backstage.io/techdocs-ref: dir:.")
            annotation_text = ("\n  annotations:\n" + "\n".join("    " + a for a in annotations)) if annotations else ""
            provides = api_by_system.get(system, [])[i:i + 1] if i < 3 else []
            consumes = random.sample([a for a in all_apis if a not in provides], 2) if kind == "website" or i % 3 == 0 else []
            depends = res_by_system.get(system, [])[:1] if kind == "service" and i < 2 else []
            lines = [f"apiVersion: backstage.io/v1alpha1", "kind: Component", "metadata:", f"  name: {word}",
                     f"  title: {word.replace('-', ' ').title()}",
                     f"  description: {word.replace('-', ' ').capitalize()} for {SYSTEMS[system][2].lower()}",
                     f"  tags: [{random.choice(LANGUAGES)}]{annotation_text}",
                     "spec:", f"  type: {kind}", f"  lifecycle: {lifecycle}", f"  owner: {owner}", f"  system: {system}"]
            if provides:
                lines.append(f"  providesApis: [{', '.join(provides)}]")
            if consumes:
                lines.append(f"  consumesApis: [{', '.join(consumes)}]")
            if depends:
                lines.append(f"  dependsOn: [{', '.join('resource:' + d for d in depends)}]")
            docs.append("\n".join(lines))
        for name, res_system, kind in resources:
            if res_system == system:
                docs.append(f"""apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: {name}
  title: {name.replace('-', ' ').title()}
  description: {kind.replace('-', ' ').capitalize()} used by {SYSTEMS[system][2].lower()}
spec:
  type: {kind}
  owner: {owner}
  system: {system}""")
        write(f"components/{system}.yaml", docs)


def location():
    targets = ["./org/groups.yaml", "./org/users.yaml", "./systems/domains-and-systems.yaml", "./apis/apis.yaml"] + \
              [f"./components/{s}.yaml" for s in COMPONENT_WORDS]
    write("catalog-info.yaml", ["""# The demo organisation: Northwind Outfitters, an online outdoor-gear shop.
# Generated by scripts/dev/generate-demo.py.
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: northwind
  description: Everything the demo organisation keeps in its catalog
spec:
  type: file
  targets:
""" + "\n".join(f"    - {t}" for t in targets)])


if __name__ == "__main__":
    shutil.rmtree(ROOT, ignore_errors=True)
    groups(); users(); systems(); apis(); components_and_resources(); location()
    print("demo organisation written to", os.path.normpath(ROOT))

#!/usr/bin/env python3
"""Writes a synthetic catalog of N entities (groups, users, domains, systems, components, APIs,
resources) with realistic relations, as catalog-info.yaml files of 100 entities each."""
import os
import random
import sys


def main(folder, total):
    random.seed(7)
    counts = {
        "Group": total // 200, "User": total // 10, "Domain": max(4, total // 5000),
        "System": total // 100, "API": total // 5, "Resource": total // 12,
    }
    counts["Component"] = total - sum(counts.values())
    groups = [f"team-{i}" for i in range(counts["Group"])]
    domains = [f"domain-{i}" for i in range(counts["Domain"])]
    systems = [f"system-{i}" for i in range(counts["System"])]
    apis = [f"api-{i}" for i in range(counts["API"])]
    resources = [f"resource-{i}" for i in range(counts["Resource"])]
    words = ["payments", "search", "checkout", "billing", "inventory", "shipping", "identity", "analytics",
             "catalog", "orders", "pricing", "notifications", "reviews", "loyalty", "fraud", "media"]
    types = ["service", "service", "service", "website", "library", "worker"]
    lifecycles = ["production", "production", "experimental", "deprecated"]
    docs = []
    for i, name in enumerate(groups):
        parent = f"\n  parent: {groups[(i - 1) // 4]}" if i else ""
        docs.append(f"kind: Group\nmetadata:\n  name: {name}\n  description: Team {i} working on {random.choice(words)}\nspec:\n  type: team{parent}\n  children: []")
    for i in range(counts["User"]):
        docs.append(f"kind: User\nmetadata:\n  name: user-{i}\nspec:\n  profile:\n    displayName: User {i}\n  memberOf: [{random.choice(groups)}]")
    for name in domains:
        docs.append(f"kind: Domain\nmetadata:\n  name: {name}\nspec:\n  owner: {random.choice(groups)}")
    for name in systems:
        docs.append(f"kind: System\nmetadata:\n  name: {name}\n  description: The {random.choice(words)} system\nspec:\n  owner: {random.choice(groups)}\n  domain: {random.choice(domains)}")
    for name in apis:
        docs.append(f"kind: API\nmetadata:\n  name: {name}\n  description: {random.choice(words).title()} API\nspec:\n  type: openapi\n  lifecycle: production\n  owner: {random.choice(groups)}\n  system: {random.choice(systems)}\n  definition: 'openapi: 3.0.0'")
    for name in resources:
        docs.append(f"kind: Resource\nmetadata:\n  name: {name}\nspec:\n  type: database\n  owner: {random.choice(groups)}\n  system: {random.choice(systems)}")
    for i in range(counts["Component"]):
        word = random.choice(words)
        tags = ", ".join(random.sample(["java", "go", "python", "typescript", "rust", "kotlin"], 2))
        docs.append(
            f"kind: Component\nmetadata:\n  name: {word}-component-{i}\n  title: {word.title()} component {i}\n"
            f"  description: Handles {word} for the {random.choice(words)} flow\n  tags: [{tags}]\n"
            f"  annotations:\n    github.com/project-slug: acme/{word}-{i}\n"
            f"spec:\n  type: {random.choice(types)}\n  lifecycle: {random.choice(lifecycles)}\n  owner: {random.choice(groups)}\n"
            f"  system: {random.choice(systems)}\n  providesApis: [{random.choice(apis)}]\n  consumesApis: [{random.choice(apis)}, {random.choice(apis)}]\n"
            f"  dependsOn: [resource:{random.choice(resources)}]")
    os.makedirs(folder, exist_ok=True)
    for start in range(0, len(docs), 100):
        path = os.path.join(folder, f"part-{start // 100:05d}", "catalog-info.yaml")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("\n---\n".join("apiVersion: backstage.io/v1alpha1\n" + d for d in docs[start:start + 100]) + "\n")
    print(f"{len(docs)} entities: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)

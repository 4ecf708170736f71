@testable import Catalog
import FoyerCore
import Testing

@Suite struct SlicePlanTests {
    static func row(_ name: String, owner: String = "team-a") -> EntityRow {
        let document = JSONValue.object([
            "apiVersion": .string("backstage.io/v1alpha1"), "kind": .string("Component"),
            "metadata": .object(["name": .string(name), "namespace": .string("default")]),
            "spec": .object(["type": .string("service"), "owner": .string(owner)]),
        ])
        return EntityRow(item: ProcessedEntity(entity: Entity(document: document), relations: [], file: "/c.yaml", line: 1, parentRef: nil))
    }

    static func stored(_ row: EntityRow, id: String, key: Int64 = 1, location: String?, orphan: Bool = false, generation: Int64 = 1) -> StoredEntityState {
        StoredEntityState(id: id, key: key, locationID: location, etag: row.etag, specHash: row.specHash, generation: generation, isOrphan: orphan)
    }

    @Test func eachEntityIsAddedUpdatedLeftOrRefusedByWhatIsStored() {
        let rows = [Self.row("new"), Self.row("same"), Self.row("moved", owner: "team-b"), Self.row("taken"), Self.row("orphaned")]
        let existing = [
            "component:default/same": Self.stored(rows[1], id: "id-same", location: "here"),
            "component:default/moved": Self.stored(Self.row("moved"), id: "id-moved", key: 3, location: "here", generation: 4),
            "component:default/taken": Self.stored(rows[3], id: "id-taken", location: "elsewhere"),
            "component:default/orphaned": Self.stored(rows[4], id: "id-orphaned", key: 5, location: "elsewhere", orphan: true),
        ]
        var ids = FreshIDs(now: .now())
        let plan = SlicePlan(rows: rows, existing: existing, locationID: "here", ids: &ids)
        #expect(plan.inserts.map(\.id) == [ids.id(at: 0)])
        // A changed spec bumps the generation; an orphan another location left is taken over unchanged.
        #expect(plan.updates.map { "\($0.id)@\($0.generation)" } == ["id-moved@5", "id-orphaned@1"])
        // Their old derived rows are removed by their stored keys.
        #expect(plan.rewritten == [StoredEntityKey(id: "id-moved", key: 3), StoredEntityKey(id: "id-orphaned", key: 5)])
        #expect(plan.summary == ApplySummary(added: 1, updated: 2, unchanged: 1, orphaned: 0, conflicts: 1))
        #expect(plan.problems.map(\.entityRef) == ["component:default/taken"])
        #expect(plan.kept == ["component:default/new", "component:default/same", "component:default/moved", "component:default/orphaned"])
    }

    @Test func aPlanMadeBeforeAnotherWriterStoredAnEntityDoesNotWriteTheSameRows() {
        let rows = [Self.row("web"), Self.row("api")]
        var ids = FreshIDs(now: .now())
        let before = SlicePlan(rows: rows, existing: [:], locationID: "here", ids: &ids)
        var sameIDs = ids
        let unchangedSince = SlicePlan(rows: rows, existing: [:], locationID: "here", ids: &sameIDs)
        var laterIDs = ids
        let afterAnotherWrite = SlicePlan(rows: rows, existing: ["component:default/api": Self.stored(Self.row("api", owner: "x"), id: "id-api", location: "here")],
                                          locationID: "here", ids: &laterIDs)
        // Planning again names the new entities the same.
        #expect(unchangedSince.inserts.map(\.id) == before.inserts.map(\.id))
        #expect(before.writesTheSameRows(as: unchangedSince))
        #expect(!afterAnotherWrite.writesTheSameRows(as: before))
        #expect(afterAnotherWrite.written.map(\.id) == [before.inserts[0].id, "id-api"])
    }
}

import FoyerCore

/// One catalog entity as read from a descriptor: the JSON document plus convenient accessors.
public struct Entity: Sendable, Hashable {
    public var document: JSONValue

    public init(document: JSONValue) { self.document = document }

    public var apiVersion: String { document["apiVersion"]?.stringValue ?? "" }
    public var kind: String { document["kind"]?.stringValue ?? "" }
    public var metadata: [String: JSONValue] { document["metadata"]?.objectValue ?? [:] }
    public var spec: [String: JSONValue] { document["spec"]?.objectValue ?? [:] }
    public var name: String { metadata["name"]?.stringValue ?? "" }
    public var namespace: String { metadata["namespace"]?.stringValue ?? Entity.defaultNamespace }
    public var annotations: [String: JSONValue] { metadata["annotations"]?.objectValue ?? [:] }

    public var ref: EntityRef { EntityRef(kind: kind, namespace: namespace, name: name) }

    public static let defaultNamespace = "default"

    /// Sets `metadata.<key>`, creating `metadata` if needed.
    public mutating func setMetadata(_ key: String, _ value: JSONValue?) {
        var members = document.objectValue ?? [:]
        var metadata = members["metadata"]?.objectValue ?? [:]
        metadata[key] = value
        members["metadata"] = .object(metadata)
        document = .object(members)
    }

    /// Sets one annotation, creating `metadata.annotations` if needed.
    public mutating func setAnnotation(_ key: String, _ value: String?) {
        var annotations = self.annotations
        annotations[key] = value.map(JSONValue.string)
        setMetadata("annotations", .object(annotations))
    }
}

/// Annotation keys Foyer reads or writes, as Backstage names them.
public enum Annotation {
    public static let managedByLocation = "backstage.io/managed-by-location"
    public static let managedByOriginLocation = "backstage.io/managed-by-origin-location"
    public static let orphan = "backstage.io/orphan"
    public static let sourceLocation = "backstage.io/source-location"
    public static let viewURL = "backstage.io/view-url"
    public static let editURL = "backstage.io/edit-url"
}

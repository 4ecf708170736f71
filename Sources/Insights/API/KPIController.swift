import FoyerCore
import Hummingbird

/// The KPI endpoints of `specs/insights.md`, each as JSON or, with `format=csv`, as CSV of the same rows.
struct KPIController: Sendable {
    let kpis: KPIStore
    let people: any PeopleDirectory

    static let defaultLimit = 10
    static let maxLimit = 1000

    func register(on router: Router<FoyerRequestContext>) {
        let group = router.group("api/insights")
        group.get("active-users") { request, _ in
            let parameters = QueryParameters(request.uri.query)
            let range = try DayRange(from: parameters.first("from"), to: parameters.first("to"))
            let grouping = try Grouping.parse(parameters.first("grouping"), fallback: .day)
            let items = try await kpis.activeUsers(range, grouping: grouping)
            if try Self.wantsCSV(parameters) {
                return CSV.response(CSV.text(header: ["period", "activeUsers", "newUsers", "returningUsers"], rows: items.map {
                    ["\($0.period)", "\($0.activeUsers)", "\($0.newUsers)", "\($0.returningUsers)"]
                }), name: "active-users")
            }
            return JSONBody.response(.object(["grouping": .string(grouping.rawValue), "items": .array(items.map { item in
                .object(["period": .string("\(item.period)"), "activeUsers": .int(item.activeUsers), "newUsers": .int(item.newUsers),
                         "returningUsers": .int(item.returningUsers)])
            })]))
        }
        group.get("retention") { request, _ in
            let parameters = QueryParameters(request.uri.query)
            let cohorts = try await kpis.retention(try DayRange(from: parameters.first("from"), to: parameters.first("to")))
            if try Self.wantsCSV(parameters) {
                let weeks = cohorts.map(\.retained.count).max() ?? 0
                return CSV.response(CSV.text(header: ["week", "size"] + (0..<weeks).map { "week\($0)" }, rows: cohorts.map { cohort in
                    // Later cohorts have fewer weeks: their rows end in empty fields, so every row has the header's width.
                    ["\(cohort.week)", "\(cohort.size)"] + cohort.retained.map(String.init) + Array(repeating: "", count: weeks - cohort.retained.count)
                }), name: "retention")
            }
            return JSONBody.response(.object(["cohorts": .array(cohorts.map { cohort in
                .object(["week": .string("\(cohort.week)"), "size": .int(cohort.size), "retained": .array(cohort.retained.map(JSONValue.int))])
            })]))
        }
        group.get("top") { request, _ in
            let parameters = QueryParameters(request.uri.query)
            let dimension = try Self.dimension(parameters.first("dimension"))
            let range = try DayRange(from: parameters.first("from"), to: parameters.first("to"))
            let limit = try parameters.integer("limit", in: 1...Self.maxLimit) ?? Self.defaultLimit
            let items = try await kpis.top(dimension, range: range, limit: limit)
            if try Self.wantsCSV(parameters) {
                return CSV.response(CSV.text(header: ["key", "events", "users"], rows: items.map { [$0.key, "\($0.events)", "\($0.users)"] }),
                                    name: "top-\(dimension.rawValue)")
            }
            return JSONBody.response(.object(["dimension": .string(dimension.rawValue), "items": .array(items.map { item in
                .object(["key": .string(item.key), "events": .int(item.events), "users": .int(item.users)])
            })]))
        }
        group.get("summary") { request, _ in
            let parameters = QueryParameters(request.uri.query)
            let range = try DayRange(from: parameters.first("from"), to: parameters.first("to"))
            let summary = try await kpis.summary(range, headcount: try await people.headcount())
            if try Self.wantsCSV(parameters) {
                return CSV.response(CSV.text(header: Self.summaryFields, rows: [Self.summaryRow(summary).map { $0.scalarText ?? "" }]), name: "summary")
            }
            return JSONBody.response(.object(Dictionary(uniqueKeysWithValues: zip(Self.summaryFields, Self.summaryRow(summary)))))
        }
    }

    static let summaryFields = ["activeUsers", "averageDailyActiveUsers", "stickiness", "newUsers", "events", "headcount", "adoption"]

    static func summaryRow(_ summary: Summary) -> [JSONValue] {
        [.int(summary.activeUsers), .number(summary.averageDailyActiveUsers), summary.stickiness.map(JSONValue.number) ?? .null,
         .int(summary.newUsers), .int(summary.events), .int(summary.headcount), summary.adoption.map(JSONValue.number) ?? .null]
    }

    static func dimension(_ text: String?) throws(FoyerError) -> TopDimension {
        let names = TopDimension.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text else { throw .badRequest("query parameter 'dimension' is required: one of \(names)") }
        guard let dimension = TopDimension(rawValue: text) else { throw .badRequest("query parameter 'dimension' must be one of \(names), not '\(text.prefix(40))'") }
        return dimension
    }

    static func wantsCSV(_ parameters: QueryParameters) throws(FoyerError) -> Bool {
        switch parameters.first("format") {
        case nil, "json": false
        case "csv": true
        case let other?: throw .badRequest("query parameter 'format' must be json or csv, not '\(other.prefix(40))'")
        }
    }
}

extension JSONValue {
    static func int(_ value: Int) -> JSONValue { .number(Double(value)) }
}

import Testing
@testable import Web

@Suite struct APIDefinitionTests {
    @Test func listsTheOperationsOfAnOpenAPIDocument() {
        let text = """
            openapi: 3.0.0
            info: {title: Orders, version: '1'}
            paths:
              /orders:
                get: {summary: List orders}
                post: {operationId: createOrder}
              /orders/{id}:
                parameters: []
                delete: {}
            """
        let definition = APIDefinition(type: "openapi", text: text)
        #expect(definition.problem == nil)
        #expect(definition.operations.map { "\($0.method) \($0.path) \($0.summary ?? "-")" } == [
            "GET /orders List orders", "POST /orders createOrder", "DELETE /orders/{id} -",
        ])
    }

    @Test func aDefinitionThatDoesNotParseIsReportedWithItsLine() {
        let definition = APIDefinition(type: "openapi", text: "openapi: 3.0.0\npaths: [unclosed\n")
        #expect(definition.operations.isEmpty)
        #expect(definition.problem?.hasPrefix("line ") == true)
    }

    @Test func otherDefinitionTypesAreShownRawWithoutOperations() {
        let definition = APIDefinition(type: "graphql", text: "type Query { a: Int }")
        #expect(definition.operations.isEmpty && definition.problem == nil)
    }
}

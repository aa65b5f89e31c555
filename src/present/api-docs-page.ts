import type { OpenAPIV3 } from 'openapi-types'
import { escapeHtml } from './html.js'

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

/** Renders the OpenAPI document as one readable HTML page: every operation, its parameters, body and responses. */
export function renderApiDocsPage(doc: OpenAPIV3.Document): string {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method]
      return operation === undefined ? [] : [renderOperation(method, path, operation)]
    }))
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
section{border-top:1px solid #ddd;padding:.5rem 0}code{background:#f4f4f4;padding:0 .2rem}
.method{font-weight:bold;text-transform:uppercase;display:inline-block;min-width:4rem}
table{border-collapse:collapse}td,th{padding:.1rem .6rem .1rem 0;text-align:left;vertical-align:top}</style>
</head>
<body>
<h1>${escapeHtml(doc.info.title)} <small>${escapeHtml(doc.info.version)}</small></h1>
<p>${escapeHtml(doc.info.description ?? '')} The machine-readable document is <a href="openapi.json">openapi.json</a>.
Write operations need <code>Authorization: Bearer $TRIBUTARY_ADMIN_TOKEN</code>. Errors are
<code>{"error": {"code", "message"}}</code>.</p>
${operations.join('\n')}
</body>
</html>
`
}

function renderOperation(method: string, path: string, operation: OpenAPIV3.OperationObject): string {
  const parameters = (operation.parameters ?? []) as OpenAPIV3.ParameterObject[]
  const rows = parameters.map((p) => {
    const schema = (p.schema ?? {}) as OpenAPIV3.SchemaObject
    return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${escapeHtml(describeSchema(schema))}</td><td>${p.required ? 'required' : ''}</td></tr>`
  }).join('')
  const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined
  const bodySchema = body?.content['application/json']?.schema as OpenAPIV3.SchemaObject | undefined
  const bodyFields = bodySchema?.properties === undefined ? '' : `<p>Body (JSON): ${Object.entries(bodySchema.properties)
    .map(([name, schema]) => `<code>${escapeHtml(name)}</code> ${escapeHtml(describeSchema(schema as OpenAPIV3.SchemaObject))}${bodySchema.required?.includes(name) ? ' (required)' : ''}`)
    .join(', ')}</p>`
  const responses = Object.keys(operation.responses ?? {}).join(', ')
  return `<section>
<h2><span class="method">${escapeHtml(method)}</span> <code>${escapeHtml(path)}</code></h2>
<p>${escapeHtml(operation.summary ?? '')}</p>
${rows === '' ? '' : `<table><tr><th>parameter</th><th>in</th><th>type</th><th></th></tr>${rows}</table>`}
${bodyFields}
<p>Responses: ${escapeHtml(responses)}</p>
</section>`
}

function describeSchema(schema: OpenAPIV3.SchemaObject): string {
  const type = schema.type ?? 'any'
  const details = [
    schema.enum ? `one of ${schema.enum.join(', ')}` : '',
    schema.format ?? '',
    schema.default !== undefined ? `default ${String(schema.default)}` : '',
    schema.maximum !== undefined ? `max ${schema.maximum}` : '',
  ].filter((d) => d !== '')
  return details.length === 0 ? String(type) : `${String(type)} (${details.join('; ')})`
}

"""Split the served OpenAPI document into openapi/hpf-mobile.yaml (everything but /partner/**) and
openapi/hpf-partner.yaml, keeping the polished prose of the existing files where the structure is unchanged."""
import sys, yaml, copy

PROSE = {"description", "summary", "example", "examples", "title", "externalDocs", "deprecated"}

served = yaml.safe_load(open(sys.argv[1]))
out_dir = sys.argv[2]

def refs(node, schemas, found):
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, dict):
            r = n.get("$ref")
            if isinstance(r, str) and r.startswith("#/components/schemas/"):
                name = r.split("/")[-1]
                if name not in found:
                    found.add(name)
                    if name in schemas:
                        stack.append(schemas[name])
            stack.extend(n.values())
        elif isinstance(n, list):
            stack.extend(n)
    return found

def merge_prose(new, old):
    """new's structure, old's prose where both have the node."""
    if isinstance(new, dict) and isinstance(old, dict):
        out = {}
        for k, v in new.items():
            if k in PROSE and k in old and not isinstance(v, (dict, list)):
                out[k] = old[k]
            elif k in old:
                out[k] = merge_prose(v, old[k])
            else:
                out[k] = v
        return out
    if isinstance(new, list) and isinstance(old, list):
        # Named items (tags, parameters) keep the prose of the item with the same name, wherever it moved to.
        if all(isinstance(x, dict) and "name" in x for x in new + old):
            key = lambda x: (x["name"], x.get("in"))
            previous = {key(b): b for b in old}
            return [merge_prose(a, previous[key(a)]) if key(a) in previous else a for a in new]
        if len(new) == len(old):
            return [merge_prose(a, b) for a, b in zip(new, old)]
    return new

def build(cover, old, info):
    paths = {p: v for p, v in served["paths"].items() if cover(p)}
    schemas = served["components"]["schemas"]
    used = refs(paths, schemas, set())
    sec = set()
    for item in paths.values():
        for op in item.values():
            for req in op.get("security", []) or []:
                sec.update(req.keys())
    doc = {"openapi": served["openapi"], "info": info, "servers": served.get("servers")}
    tags_used = set()
    for item in paths.values():
        for op in item.values():
            tags_used.update(op.get("tags", []))
    doc["tags"] = [t for t in served.get("tags", []) if t["name"] in tags_used]
    doc["paths"] = dict(sorted(paths.items()))
    comps = {"schemas": {k: schemas[k] for k in sorted(used) if k in schemas}}
    if sec:
        comps["securitySchemes"] = {k: v for k, v in served["components"]["securitySchemes"].items() if k in sec}
    doc["components"] = comps
    if old:
        doc = merge_prose(doc, old)
        doc["info"] = old.get("info", info)
    return doc

old_main = yaml.safe_load(open(out_dir + "/hpf-mobile.yaml"))
try:
    old_partner = yaml.safe_load(open(out_dir + "/hpf-partner.yaml"))
except FileNotFoundError:
    old_partner = None
main = build(lambda p: not p.startswith("/partner/"), old_main, served["info"])
partner_info = {"title": "hpf-mobile partner API", "version": "1.0.0", "description":
    "For partner platforms (Alipay-style) acting for members who consented. Every request is signed "
    "HPF-SHA256-RSA2048 over its exact bytes and every answer and notification is signed by the centre "
    "(partner-client/README.md, partner-client/test-vectors.json). Money is an integer number of fen; every "
    "error is RFC 9457 application/problem+json with a stable code. A request body is application/json in UTF-8 "
    "(else 415 UNSUPPORTED_MEDIA_TYPE) of at most 64 KiB (413 BODY_TOO_LARGE); a key given twice is 400 "
    "DUPLICATE_JSON_KEY, objects and arrays nested deeper than 32 are 400 JSON_TOO_DEEP, and fields the API does "
    "not know are ignored. A request target longer than 4,096 characters is 414 URI_TOO_LONG, headers over 16 KiB "
    "are 431 HEADERS_TOO_LARGE, an Accept without application/json is 406 NOT_ACCEPTABLE.",
    "license": {"name": "Proprietary", "identifier": "LicenseRef-hpf-mobile"}}
partner = build(lambda p: p.startswith("/partner/"), old_partner, partner_info)

class D(yaml.SafeDumper):
    pass
def str_presenter(dumper, data):
    return dumper.represent_scalar("tag:yaml.org,2002:str", data)
yaml.add_representer(str, str_presenter, Dumper=D)
for name, doc in (("hpf-mobile.yaml", main), ("hpf-partner.yaml", partner)):
    with open(out_dir + "/" + name, "w") as f:
        yaml.dump(doc, f, Dumper=D, sort_keys=False, allow_unicode=True, width=100)
print("ok", len(main["paths"]), len(partner["paths"]))

/** `/v1/customers` (inside the merchant API, so idempotent POSTs): create, retrieve, list. */
import { Hono } from "hono";
import { CreateCustomerBody, CustomerListQuery, customerIdPattern, type CustomerList } from "../../protocol/lists-api.js";
import { notFound } from "../http/api-error.js";
import { parseWith, readJsonBody } from "../http/body.js";
import type { MerchantEnv } from "../http/merchant-auth.js";
import { createCustomer, findCustomer, listCustomers } from "../store/customers.js";
import { listAnswer, pageRequest } from "./lists-page.js";
import type { RouteDeps } from "./route-deps.js";

export function customersApi({ db }: RouteDeps): Hono<MerchantEnv> {
  const api = new Hono<MerchantEnv>();

  api.post("/customers", async (context) => {
    const body = await readJsonBody(context, CreateCustomerBody);
    return context.json(await createCustomer(db, context.get("merchant").id, body));
  });

  api.get("/customers", async (context) => {
    const query = parseWith(CustomerListQuery, context.req.query());
    const list: CustomerList = listAnswer(await listCustomers(db, context.get("merchant").id, pageRequest(query)), "customer", query);
    return context.json(list);
  });

  api.get("/customers/:id", async (context) => {
    const id = context.req.param("id");
    const customer = customerIdPattern.test(id) ? await findCustomer(db, context.get("merchant").id, id) : undefined;
    if (!customer) throw notFound("customer", id);
    return context.json(customer);
  });

  return api;
}

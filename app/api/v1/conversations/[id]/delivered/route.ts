import { receiptRoute } from "@/server/http/receipt-route";

export const POST = receiptRoute("delivered");

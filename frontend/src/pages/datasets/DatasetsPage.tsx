import { PageHeader } from "../../components/PageHeader";
import { DatasetList } from "./DatasetList";
import { UploadForm } from "./UploadForm";

export function DatasetsPage() {
  return (
    <>
      <PageHeader title="Datasets" subtitle="Chat conversations to fine-tune on, validated when uploaded." />
      <UploadForm />
      <DatasetList />
    </>
  );
}
